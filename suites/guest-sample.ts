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

/** Why a finished process is not a valid sample, or null when it is. */
function failure(sample: ProcessSample, guest: GuestOutput, expectedStdout: string | null, timeoutMs: number): SampleOutcome | null {
  const tail = stderrTail(sample.stderr);
  const fail = (kind: Extract<SampleOutcome, { ok: false }>['error']['kind'], message: string): SampleOutcome => ({ ok: false, error: { kind, message, stderrTail: tail } });
  if (sample.spawnError) return fail('spawn', `could not start the process: ${sample.spawnError}`);
  if (sample.timedOut) return fail('timeout', `timed out after ${timeoutMs} ms; the process group was killed`);
  if (sample.signal) return fail('signal', `killed by ${sample.signal}`);
  if (sample.exitCode !== 0) return fail('exit', `exited with code ${sample.exitCode}`);
  if (guest.malformed.length) return fail('protocol', `malformed @wb line: ${JSON.stringify(guest.malformed[0])}`);
  if (expectedStdout !== null && guest.text !== expectedStdout) {
    return fail('wrong-output', `stdout differs from the expected output: expected ${JSON.stringify(expectedStdout.slice(0, 200))}, got ${JSON.stringify(guest.text.slice(0, 200))}`);
  }
  return null;
}

export interface GuestSampleResult {
  outcome: SampleOutcome;
  guest: GuestOutput;
}

/** Check a guest process and return its outcome with the parsed protocol values. */
export function evaluateGuestSample(sample: ProcessSample, expectedStdout: string | null, timeoutMs: number): GuestSampleResult {
  const guest = parseGuestOutput(sample.stdout);
  const failed = failure(sample, guest, expectedStdout, timeoutMs);
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
