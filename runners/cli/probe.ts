/**
 * Asking a runtime CLI about itself: run a short command with a timeout and
 * never throw. Adapters use it for `--version`, `--help` and for trying a
 * tier flag on a tiny module, so a broken or hanging binary becomes a
 * reason in `wasmbench doctor` instead of a crash or a stuck run.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_ROOT } from '../../core/workloads/manifest.ts';
import { killGroup, trackGroup } from '../../core/process/process-groups.ts';

/** The smallest committed WASI command module (empty main): what tier probes run. */
export const PROBE_WASM: string = join(FIXTURES_ROOT, 'noop', 'noop.wasm');

/** @default 20_000 ms: a version probe that takes longer is a broken install. */
export const PROBE_TIMEOUT_MS = 20_000;

/** PROBE_TIMEOUT_MS, or $WASMBENCH_PROBE_TIMEOUT_MS (e.g. to give up on a hanging binary sooner). */
export function probeTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.WASMBENCH_PROBE_TIMEOUT_MS);
  return Number.isInteger(value) && value > 0 ? value : PROBE_TIMEOUT_MS;
}

export interface ProbeResult {
  /** Exit code 0 and no signal. */
  ok: boolean;
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The time limit that applied. */
  timeoutMs?: number;
  /** Spawn error (ENOENT, EACCES), when the process never ran. */
  spawnError?: string;
}

export interface ProbeOptions {
  /** @default probeTimeoutMs() */
  timeoutMs?: number;
  cwd?: string;
  /** Complete environment of the child. @default process.env */
  env?: Record<string, string | undefined>;
  /** A file fed to the child's stdin (a workload's `stdin`). @default none: stdin is an empty pipe (EOF at once) */
  stdinFile?: string;
}

/** Output kept per stream: a probe that floods its output is cut, not buffered without end. */
const MAX_OUTPUT_BYTES = 8 << 20;

/**
 * Run argv (no shell) in its own process group and collect everything;
 * resolves even when the child fails. On timeout the whole group is killed,
 * and so are strays still in it when the child exits.
 */
export function probe(argv: string[], options: ProbeOptions = {}): Promise<ProbeResult> {
  const timeout = options.timeoutMs ?? probeTimeoutMs();
  return new Promise((resolve) => {
    let stdinFd: number | null = null;
    try {
      if (options.stdinFile !== undefined) stdinFd = openSync(options.stdinFile, 'r');
    } catch (err) {
      const message = `cannot open stdin ${options.stdinFile}: ${(err as Error).message}`;
      resolve({ ok: false, code: null, signal: null, stdout: '', stderr: '', timedOut: false, spawnError: message });
      return;
    }
    const child = spawn(argv[0], argv.slice(1), {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: [stdinFd ?? 'pipe', 'pipe', 'pipe'],
    });
    // The child holds its own copy of the descriptor once spawned.
    if (stdinFd !== null) closeSync(stdinFd);
    const untrack = trackGroup(child.pid);
    const stdout = collect(child.stdout!);
    const stderr = collect(child.stderr!);
    let timedOut = false;
    let settled = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeout);
    const finish = (result: Omit<ProbeResult, 'stdout' | 'stderr' | 'timedOut' | 'timeoutMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      untrack();
      resolve({ ...result, stdout: stdout(), stderr: stderr(), timedOut, timeoutMs: timeout });
    };
    child.on('error', (err: NodeJS.ErrnoException) =>
      finish({ ok: false, code: null, signal: null, spawnError: `${err.code}: ${err.message}` }),
    );
    // Anything left in the group once the child is gone is a stray that would hold our pipes open.
    child.on('exit', () => killGroup(child.pid));
    child.on('close', (code, signal) => finish({ ok: code === 0 && !signal && !timedOut, code, signal }));
    // Without a stdin file a guest that reads stdin (a CGI handler) must see EOF, not wait on an open pipe.
    child.stdin?.on('error', () => {});
    child.stdin?.end();
  });
}

function collect(stream: NodeJS.ReadableStream): () => string {
  const chunks: Buffer[] = [];
  let bytes = 0;
  stream.on('data', (chunk: Buffer) => {
    if (bytes >= MAX_OUTPUT_BYTES) return;
    chunks.push(chunk);
    bytes += chunk.length;
  });
  return () => Buffer.concat(chunks).toString('utf8');
}

/** @default 600_000 ms: an untimed compile of a large module on a slow tier can take minutes. */
export const UNTIMED_TIMEOUT_MS = 600_000;

/** Untimed preparation (fill a warm cache, precompile): throws with the reason when it fails. */
export async function runUntimed(argv: string[], what: string, options: ProbeOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? UNTIMED_TIMEOUT_MS;
  const result = await probe(argv, { ...options, timeoutMs });
  if (!result.ok) throw new Error(`${what} failed (${argv.join(' ')}): ${describeFailure(result, timeoutMs)}`);
}

/** One line saying why a probe failed: timeout, signal, exit code, and the stderr (or stdout) tail. */
export function describeFailure(result: ProbeResult, timeoutMs = result.timeoutMs ?? PROBE_TIMEOUT_MS): string {
  if (result.spawnError) return `could not start: ${result.spawnError}`;
  const how = result.timedOut
    ? `no answer within ${timeoutMs} ms`
    : result.signal
      ? `killed by ${result.signal}`
      : `exit code ${result.code}`;
  const tail = tellingLine(result.stderr) || tellingLine(result.stdout);
  return tail ? `${how}: ${tail}` : how;
}

const TELLING = /\b(error|panic|unsupported|not supported|unknown|invalid|failed|cannot|can't|unable)\b/i;

/** The first line that says what went wrong (a Go panic's message, not its stack), else the last line. */
function tellingLine(text: string): string {
  const lines = text
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.find((l) => TELLING.test(l)) ?? lines.at(-1) ?? '').slice(0, 200);
}

/** The first non-empty line of a command's output. */
export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? ''
  );
}

/** Whether a help text lists a flag (as a whole word, e.g. `--fast-jit` but not `--fast-jit-x`). */
export function helpHasFlag(help: string, flag: string): boolean {
  const escaped = flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s,\\[|])${escaped}(?![\\w-])`, 'm').test(stripAnsi(help));
}

/** Help texts may be coloured (seen: WasmEdge wraps every flag in ESC[...m). */
export function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC is exactly what an ANSI colour sequence starts with
  return text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
}
