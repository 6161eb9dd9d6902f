/** Parsing the base / head command of `wasmbench ab`: split on spaces, no shell. */
import { UsageError } from '../errors.ts';

/** Where the module path goes in a command; appended at the end when absent. */
export const MODULE_PLACEHOLDER = '{wasm}';

/**
 * Split a command on whitespace, honouring '...' and "..." quoting. No
 * shell: no variables, globs or pipes, so the timed process is the runtime.
 */
export function splitCommand(text: string, which: string): string[] {
  const argv: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of text.matchAll(re)) argv.push(m[1] ?? m[2] ?? m[3]);
  if (argv.length === 0)
    throw new UsageError(
      `the ${which} command is empty`,
      'e.g. wasmbench ab "/opt/base/wasmtime run" "/opt/head/wasmtime run"',
    );
  if (/[|;&<>`$]/.test(argv[0]))
    throw new UsageError(
      `the ${which} command "${text}" looks like shell syntax`,
      'give the runtime command itself; wasmbench runs it without a shell',
    );
  return argv;
}

/** The argv of one sample: the command with the module in place of {wasm} (or appended), then the guest args. */
export function sampleArgv(command: readonly string[], wasmPath: string, guestArgs: readonly string[]): string[] {
  const hasPlaceholder = command.includes(MODULE_PLACEHOLDER);
  const argv = command.map((a) => (a === MODULE_PLACEHOLDER ? wasmPath : a));
  return hasPlaceholder ? [...argv, ...guestArgs] : [...argv, wasmPath, ...guestArgs];
}
