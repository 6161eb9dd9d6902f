/**
 * Turning one timed guest process into a sample outcome: classify failures
 * (spawn, timeout, signal, exit code, malformed protocol, wrong output) and
 * collect the process-level metrics every guest run has.
 */
import type { SampleOutcome } from '../core/loop.ts';
import type { ProcessSample } from '../core/process/timer.ts';
import { parseGuestOutput, type GuestOutput } from '../core/protocol.ts';
import type { SampleMetrics } from '../core/events.ts';
import { probe } from '../runners/cli/probe.ts';
import type { OutputCheck } from '../core/workloads/types.ts';

const STDERR_TAIL_BYTES = 2000;

export function stderrTail(stderr: string): string {
  return stderr.length > STDERR_TAIL_BYTES ? stderr.slice(-STDERR_TAIL_BYTES) : stderr;
}

/** Process-level metrics, leaving out what this timing method cannot see. */
export function processMetrics(sample: ProcessSample, guest: GuestOutput): SampleMetrics {
  const metrics: SampleMetrics = { wallNs: sample.wallNs };
  if (sample.firstOutputNs !== null) metrics.firstOutputNs = sample.firstOutputNs;
  const mainEntry = guest.values.get('main_entry_realtime_ns')?.[0];
  if (mainEntry !== undefined) metrics.mainEntryNs = Number(mainEntry - sample.spawnRealtimeNs);
  if (sample.userNs !== null) metrics.userNs = sample.userNs;
  if (sample.sysNs !== null) metrics.sysNs = sample.sysNs;
  if (sample.maxRssBytes !== null) metrics.maxRssBytes = sample.maxRssBytes;
  return metrics;
}

/** Where two outputs first differ, as a one-line diff. */
export function firstDifference(expected: string, actual: string): string {
  const want = expected.split('\n');
  const got = actual.split('\n');
  const at = want.findIndex((w, i) => w !== got[i]);
  const line = at === -1 ? want.length : at;
  return `first difference at line ${line + 1}: expected ${JSON.stringify(want[line] ?? '<end of output>')}, got ${JSON.stringify(got[line] ?? '<end of output>')}`;
}

/** The expected-output check; null when the output passes. */
export function outputMismatch(text: string, expected: string | null, check: OutputCheck): string | null {
  if (expected === null || check === 'ignore') return null;
  if (check === 'regex') {
    return new RegExp(`^(?:${expected})$`, 's').test(text)
      ? null
      : `stdout does not match the expected pattern /${expected.slice(0, 200)}/: got ${JSON.stringify(text.slice(0, 200))}`;
  }
  if (text === expected) return null;
  return `stdout differs from the expected output (${firstDifference(expected, text)})`;
}

/** A trap's own message from the runtime's stderr (e.g. "wasm trap: integer divide by zero"), or null. */
export function trapMessage(stderr: string): string | null {
  const line = stderr
    .split('\n')
    .find((l) =>
      /\btrap\b|unreachable|RuntimeError|out of bounds|divide by zero|call stack exhausted|stack overflow/i.test(l),
    );
  return line ? line.trim().slice(0, 300) : null;
}

/** Why a finished process is not a valid sample, or null when it is. */
function failure(
  sample: ProcessSample,
  guest: GuestOutput,
  expectedStdout: string | null,
  timeoutMs: number,
  check: OutputCheck = 'exact',
): SampleOutcome | null {
  const tail = stderrTail(sample.stderr);
  const fail = (kind: Extract<SampleOutcome, { ok: false }>['error']['kind'], message: string): SampleOutcome => ({
    ok: false,
    error: { kind, message, stderrTail: tail },
  });
  if (sample.spawnError) return fail('spawn', `could not start the process: ${sample.spawnError}`);
  if (sample.timedOut) return fail('timeout', `timed out after ${timeoutMs} ms; the process group was killed`);
  if (sample.signal) return fail('signal', `killed by ${sample.signal}`);
  if (sample.exitCode !== 0) {
    const trap = trapMessage(sample.stderr);
    return fail(
      'exit',
      trap ? `trapped: ${trap} (exit code ${sample.exitCode})` : `exited with code ${sample.exitCode}`,
    );
  }
  if (guest.malformed.length) return fail('protocol', `malformed @wb line: ${JSON.stringify(guest.malformed[0])}`);
  const mismatch = outputMismatch(guest.text, expectedStdout, check);
  if (mismatch) return fail('wrong-output', mismatch);
  return null;
}

export interface GuestSampleResult {
  outcome: SampleOutcome;
  guest: GuestOutput;
}

/** Check a guest process and return its outcome with the parsed protocol values. */
export function evaluateGuestSample(
  sample: ProcessSample,
  expectedStdout: string | null,
  timeoutMs: number,
  check: OutputCheck = 'exact',
): GuestSampleResult {
  const guest = parseGuestOutput(sample.stdout);
  const failed = failure(sample, guest, expectedStdout, timeoutMs, check);
  return { outcome: failed ?? { ok: true, metrics: processMetrics(sample, guest) }, guest };
}

/** The process exited by itself with status 0: nothing of it can be left behind. */
export function endedCleanly(sample: ProcessSample): boolean {
  return !sample.timedOut && sample.signal === null && sample.spawnError === null && sample.exitCode === 0;
}

/**
 * Untimed clean-up after a sample that failed or was killed (e.g. removing
 * its container, which outlives a killed engine process). Returns null when
 * it worked, else what failed, for the sample's error message.
 */
export async function runCleanup(argv: string[]): Promise<string | null> {
  const result = await probe(argv, { timeoutMs: 60_000 });
  if (result.ok) return null;
  return `clean-up failed (${argv.join(' ')}): ${result.stderr.trim() || result.spawnError || `exit ${result.code}`}; remove the leftover by hand`;
}
