/**
 * WasmEdge's own lines versus the guest's. WasmEdge 0.17 logs through spdlog
 * to stdout (seen: `[2026-11-30 10:00:00.123] [warning] Proposal Exception
 * Handling is not yet supported in WasmEdge AOT/JIT`, `[info] compile start`),
 * so those lines would fail the output check and set firstOutputNs to the
 * log line's time. Samples run with `--log-level error` where the build has
 * it; these functions separate whatever log lines still arrive, and find the
 * ones that say the tier did not run (a fallback to the interpreter).
 *
 * Silent fallbacks (seen, no log line at all): an unknown `--run-mode` value
 * means the interpreter, and a compiled `.so` run without `--run-mode aot`
 * interprets the wasm inside it. Those are ruled out from the argv itself
 * (assertTierArgv), before anything is measured.
 */
import { stripAnsi } from './cli/probe.ts';
import type { Mode, OutputInspection } from './types.ts';

/** `[2026-11-21 16:04:53.706] [info] ...` (spdlog's default pattern). */
const LOG_LINE = /^\[\d{4}-\d\d-\d\d[ T][\d:.]+\]\s*\[(trace|debug|info|warn|warning|error|err|critical)\]/i;

/** A line that says the requested tier was replaced by the interpreter. */
const FALLBACK = /(fall(?:ing|s)?\s*back|fallback).*interpret|interpret\w*\s+(?:mode\s+)?instead/i;

/** The run modes WasmEdge knows; any other value silently means the interpreter (seen). */
export const WASMEDGE_RUN_MODES = ['interpreter', 'jit', 'aot'] as const;

export function isWasmedgeLogLine(line: string): boolean {
  return LOG_LINE.test(stripAnsi(line));
}

/** The first log line (from either stream) that reports a fallback to the interpreter, or null. */
export function wasmedgeFallbackLine(stdout: string, stderr: string): string | null {
  for (const line of `${stdout}\n${stderr}`.split('\n')) {
    const plain = stripAnsi(line).trim();
    if (FALLBACK.test(plain)) return plain;
  }
  return null;
}

/** Guest stdout without WasmEdge's log lines; whether the first stdout byte was the guest's; any fallback. */
export function inspectWasmedgeOutput(stdout: string, stderr: string): OutputInspection {
  const lines = stdout.split(/(?<=\n)/);
  const kept = lines.filter((line) => !isWasmedgeLogLine(line));
  return {
    guestStdout: kept.join(''),
    firstOutputIsGuest: lines.length === 0 || lines[0] === '' || !isWasmedgeLogLine(lines[0]),
    fallback: wasmedgeFallbackLine(stdout, stderr),
  };
}

/**
 * Throws unless the argv really selects `mode`: a run-mode WasmEdge knows, a
 * compiled artifact (and `--run-mode aot` where the build has --run-mode) for
 * aot, and a plain .wasm for every other tier.
 */
export function assertTierArgv(mode: Mode, flags: string[], modulePath: string, buildHasRunMode: boolean): void {
  const at = flags.indexOf('--run-mode');
  const runMode = at >= 0 ? flags[at + 1] : null;
  const fail = (why: string, fix: string) => {
    throw new Error(`wasmedge would not run ${mode} here: ${why}; ${fix}`);
  };
  if (runMode !== null && !(WASMEDGE_RUN_MODES as readonly string[]).includes(runMode)) {
    fail(
      `--run-mode ${runMode} is not one of ${WASMEDGE_RUN_MODES.join(', ')} (WasmEdge silently interprets then)`,
      'use a run mode the build lists in --help',
    );
  }
  const compiled = !modulePath.endsWith('.wasm');
  if (mode === 'aot') {
    if (!compiled)
      fail(
        `${modulePath} is a plain .wasm (--run-mode aot falls back to the interpreter)`,
        'run the artifact of `wasmedge compile`',
      );
    if (buildHasRunMode && runMode !== 'aot')
      fail('a compiled module without --run-mode aot is interpreted', 'add --run-mode aot');
  } else if (compiled) {
    fail(`${modulePath} is a compiled artifact run as ${mode}`, 'run the plain .wasm for this tier');
  }
}
