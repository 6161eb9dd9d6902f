/**
 * Runs one load phase in its own process (never in wasmbench's or the
 * server's event loop) and parses its JSON result. Every run is bounded:
 * the driver stops itself after its duration, and is killed past
 * duration + request timeout + a grace period.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLOSED_LOOP_SCRIPT = fileURLToPath(new URL('./load/closed-loop.mjs', import.meta.url));
export const FIXED_RATE_SCRIPT = fileURLToPath(new URL('./load/fixed-rate.mjs', import.meta.url));
const GRACE_MS = 20_000;

export interface LoadTarget {
  host: string;
  port: number;
  path: string;
  body: string;
  /** Every response body must equal this; null: not compared (a user handler without an expected output). */
  expectBody: string | null;
  connections: number;
  durationMs: number;
  timeoutMs: number;
}

interface Counts {
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
}

export interface ClientCpu {
  wallNs: number;
  cpuUserNs: number;
  cpuSysNs: number;
  /** Time the driver's main thread waited for a CPU (/proc/self/schedstat); null where unknown. */
  runDelayNs: number | null;
}

export interface ClosedLoopResult extends Counts, ClientCpu {
  /** Responses in each whole second of the run. */
  perSecond: number[];
  /** Every answered request's latency from its actual send (not corrected for coordinated omission). */
  latencyNs: number[];
  requests: number;
  /** How many driver processes shared the connections. */
  processes: number;
}

export interface FixedRateResult extends Counts, ClientCpu {
  ratePerSec: number;
  planned: number;
  sent: number;
  answered: number;
  achievedPerSec: number;
  /** From intended send time: corrected for coordinated omission. */
  correctedNs: number[];
  /** From actual write: not corrected. */
  serviceNs: number[];
  schedLagP99Ns: number;
}

function runDriver<T>(script: string, input: object, prefix: string[], limitMs: number): Promise<T> {
  const argv = [...prefix, process.execPath, '--no-warnings', script, JSON.stringify(input)];
  return new Promise((resolve, reject) => {
    execFile(
      argv[0],
      argv.slice(1),
      { timeout: limitMs, killSignal: 'SIGKILL', maxBuffer: 512 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          const why = (err as { killed?: boolean }).killed ? `killed after ${limitMs} ms` : err.message.split('\n')[0];
          reject(new Error(`load generator failed (${why}); stderr: ${stderr.slice(-1000).trim() || '(empty)'}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout) as T);
        } catch {
          reject(
            new Error(
              `load generator printed no result; stdout: ${stdout.slice(0, 300)}; stderr: ${stderr.slice(-1000)}`,
            ),
          );
        }
      },
    );
  });
}

/** Max throughput: autocannon, closed loop, in one process. */
function runOneClosedLoop(target: LoadTarget, prefix: string[]): Promise<ClosedLoopResult> {
  const input = { url: `http://${target.host}:${target.port}${target.path}`, ...target };
  return runDriver<ClosedLoopResult>(
    CLOSED_LOOP_SCRIPT,
    input,
    prefix,
    target.durationMs + target.timeoutMs + GRACE_MS,
  ).then((r) => ({ ...r, processes: 1 }));
}

/** Several driver processes' results as one: per-second counts and latencies pooled, CPU summed. */
export function mergeClosedLoop(parts: ClosedLoopResult[]): ClosedLoopResult {
  const seconds = Math.min(...parts.map((p) => p.perSecond.length));
  const sum = (key: 'errors' | 'timeouts' | 'non2xx' | 'mismatches' | 'requests' | 'cpuUserNs' | 'cpuSysNs') =>
    parts.reduce((n, p) => n + p[key], 0);
  const delays = parts.map((p) => p.runDelayNs);
  return {
    perSecond: Array.from({ length: seconds }, (_, i) => parts.reduce((n, p) => n + p.perSecond[i], 0)),
    latencyNs: parts.flatMap((p) => p.latencyNs),
    requests: sum('requests'),
    errors: sum('errors'),
    timeouts: sum('timeouts'),
    non2xx: sum('non2xx'),
    mismatches: sum('mismatches'),
    wallNs: Math.max(...parts.map((p) => p.wallNs)),
    cpuUserNs: sum('cpuUserNs'),
    cpuSysNs: sum('cpuSysNs'),
    runDelayNs: delays.some((d) => d === null) ? null : delays.reduce((n, d) => n! + d!, 0),
    processes: parts.reduce((n, p) => n + p.processes, 0),
  };
}

/**
 * Max throughput: autocannon (single-threaded) in `processes` processes that
 * split the connections, so one client core per process can be used.
 */
export async function runClosedLoop(target: LoadTarget, prefix: string[], processes = 1): Promise<ClosedLoopResult> {
  const n = Math.max(1, Math.min(processes, target.connections));
  const shares = Array.from(
    { length: n },
    (_, i) => Math.floor(target.connections / n) + (i < target.connections % n ? 1 : 0),
  );
  return mergeClosedLoop(
    await Promise.all(shares.map((connections) => runOneClosedLoop({ ...target, connections }, prefix))),
  );
}

/** Latency at a fixed rate: open loop, timed from intended send times. */
export function runFixedRate(target: LoadTarget, ratePerSec: number, prefix: string[]): Promise<FixedRateResult> {
  return runDriver(
    FIXED_RATE_SCRIPT,
    { ...target, ratePerSec },
    prefix,
    target.durationMs + target.timeoutMs + GRACE_MS,
  );
}
