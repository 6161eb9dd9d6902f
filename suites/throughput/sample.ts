/**
 * One throughput sample: start the server, check its answer, warm it up,
 * measure max throughput (closed loop), then latency at a fixed rate (open
 * loop) at a fraction of that max, and stop the server.
 */
import { request } from 'node:http';
import type { SampleMetrics } from '../../core/events.ts';
import type { SampleOutcome } from '../../core/loop.ts';
import { median } from '../../stats/summary.ts';
import {
  runClosedLoop,
  runFixedRate,
  type ClientCpu,
  type ClosedLoopResult,
  type FixedRateResult,
  type LoadTarget,
} from './load-run.ts';
import { readProcStats, type ProcStats } from './proc-stats.ts';
import { startServer, type RunningServer, type ServerSpec } from './server-process.ts';

/** A client running or waiting to run (starved by other processes) this share of the time is treated as saturated. */
export const CLIENT_BUSY_SHARE = 0.9;
/** The fixed-rate driver falling this far behind its own schedule (p99) is client-bound. */
export const CLIENT_LAG_LIMIT_NS = 1_000_000;
const START_TIMEOUT_MS = 30_000;

export interface SamplePlan {
  server: ServerSpec;
  body: string;
  /** null: response bodies are not compared, only their status. */
  expectBody: string | null;
  connections: number;
  durationMs: number;
  warmupMs: number;
  rateFraction: number;
  ratePerSec: number | null;
  requestTimeoutMs: number;
  /** argv prefixes (taskset) for the load generator. */
  clientPrefix: string[];
  /** Closed-loop driver processes (one per client CPU). @default 1 */
  clientProcesses?: number;
  onWarning?(text: string): void;
}

type Failure = Extract<SampleOutcome, { ok: false }>;
const failure = (kind: Failure['error']['kind'], message: string, stderrTail: string): Failure => ({
  ok: false,
  error: { kind, message, stderrTail },
});

/** One request with Node's client, to check the server answers right before loading it. */
export function fetchOnce(port: number, body: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/json' },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('latin1') }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Share of the wall time the load generator was running or runnable: near 1 means it, not the server, set the pace. */
export function clientBusyShare(r: ClientCpu & { processes?: number }): number {
  return r.wallNs > 0 ? (r.cpuUserNs + r.cpuSysNs + (r.runDelayNs ?? 0)) / (r.wallNs * (r.processes ?? 1)) : 0;
}

/** p50 and p99 (nearest rank) of closed-loop latencies. */
function closedLoopPercentiles(latencyNs: number[]): { p50: number; p99: number } | null {
  if (latencyNs.length === 0) return null;
  const sorted = Float64Array.from(latencyNs).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { p50: at(0.5), p99: at(0.99) };
}

function metricsOf(
  max: ClosedLoopResult,
  fixed: FixedRateResult,
  rate: number,
  cpu: { server: number | null; serverDelay: number | null; rss: number | null },
): SampleMetrics {
  const clientBound = clientBusyShare(max) >= CLIENT_BUSY_SHARE || fixed.schedLagP99Ns > CLIENT_LAG_LIMIT_NS;
  const metrics: SampleMetrics = {
    requestsPerSec: max.perSecond,
    latencyNs: fixed.correctedNs,
    serviceLatencyNs: fixed.serviceNs,
    fixedRateTargetPerSec: rate,
    fixedRateAchievedPerSec: fixed.achievedPerSec,
    errors: max.errors + fixed.errors,
    timeouts: max.timeouts + fixed.timeouts,
    non2xx: max.non2xx + fixed.non2xx,
    mismatches: max.mismatches + fixed.mismatches,
    clientCpuNs: max.cpuUserNs + max.cpuSysNs,
    ...(max.runDelayNs !== null ? { clientRunDelayNs: max.runDelayNs } : {}),
    maxLoadWallNs: max.wallNs,
    clientSchedLagP99Ns: fixed.schedLagP99Ns,
    clientBound: clientBound ? 1 : 0,
  };
  const closed = closedLoopPercentiles(max.latencyNs);
  if (closed) {
    metrics.maxLoadLatencyP50Ns = closed.p50;
    metrics.maxLoadLatencyP99Ns = closed.p99;
  }
  if (cpu.server !== null) metrics.serverCpuNs = cpu.server;
  if (cpu.serverDelay !== null) metrics.serverRunDelayNs = cpu.serverDelay;
  if (cpu.rss !== null) metrics.serverMaxRssBytes = cpu.rss;
  return metrics;
}

async function measure(server: RunningServer, plan: SamplePlan): Promise<SampleOutcome> {
  const tail = () => server.stderrTail();
  const first = await fetchOnce(server.port, plan.body, plan.requestTimeoutMs).catch((err: Error) => err);
  if (first instanceof Error)
    return failure('exit', `the server did not answer a first request: ${first.message}`, tail());
  if (first.status !== 200 || (plan.expectBody !== null && first.body !== plan.expectBody)) {
    return failure(
      'wrong-output',
      `the server answered ${first.status} ${JSON.stringify(first.body.slice(0, 200))}, expected 200${plan.expectBody === null ? '' : ` ${JSON.stringify(plan.expectBody)}`}`,
      tail(),
    );
  }
  const target: LoadTarget = {
    host: '127.0.0.1',
    port: server.port,
    path: '/',
    body: plan.body,
    expectBody: plan.expectBody,
    connections: plan.connections,
    durationMs: plan.durationMs,
    timeoutMs: plan.requestTimeoutMs,
  };
  if (plan.warmupMs > 0)
    await runClosedLoop({ ...target, durationMs: plan.warmupMs }, plan.clientPrefix, plan.clientProcesses);
  const before: ProcStats | null = readProcStats(server.pid);
  const max = await runClosedLoop(target, plan.clientPrefix, plan.clientProcesses);
  const after = readProcStats(server.pid);
  const diedEarly = server.exitDescription();
  if (diedEarly) return failure('exit', `the server ${diedEarly} during the max-throughput phase`, tail());
  const maxRps = typicalRate(max.perSecond);
  if (maxRps <= 0) return failure('exit', 'no request completed in the max-throughput phase', tail());
  const rate = plan.ratePerSec ?? Math.max(1, Math.round(maxRps * plan.rateFraction));
  const fixed = await runFixedRate(target, rate, plan.clientPrefix);
  const end = readProcStats(server.pid);
  const died = server.exitDescription();
  if (died) return failure('exit', `the server ${died} during the load run`, tail());
  const cpu = {
    server: before && after ? after.cpuNs - before.cpuNs : null,
    serverDelay: before?.runDelayNs != null && after?.runDelayNs != null ? after.runDelayNs - before.runDelayNs : null,
    rss: end?.maxRssBytes ?? null,
  };
  const metrics = metricsOf(max, fixed, rate, cpu);
  if (metrics.mismatches || metrics.non2xx) {
    return failure(
      'wrong-output',
      `${metrics.mismatches} response(s) differed from the expected body and ${metrics.non2xx} were not 2xx`,
      tail(),
    );
  }
  if (metrics.clientBound) {
    plan.onWarning?.(
      `client-bound: the load generator was running or waiting for a CPU ${(clientBusyShare(max) * 100).toFixed(0)}% of the time in the closed loop and ran ${(fixed.schedLagP99Ns / 1e6).toFixed(2)} ms late (p99) at the fixed rate (limits ${CLIENT_BUSY_SHARE * 100}% and ${CLIENT_LAG_LIMIT_NS / 1e6} ms); these figures may show the client's limit (or a busy machine), not the server's`,
    );
  }
  return { ok: true, metrics };
}

export async function takeThroughputSample(plan: SamplePlan): Promise<SampleOutcome> {
  let server: RunningServer;
  try {
    server = await startServer(plan.server, START_TIMEOUT_MS);
  } catch (err) {
    return failure('spawn', (err as Error).message, '');
  }
  try {
    return await measure(server, plan);
  } catch (err) {
    const died = server.exitDescription();
    return failure(
      died ? 'exit' : 'internal',
      died ? `the server ${died}: ${(err as Error).message}` : (err as Error).message,
      server.stderrTail(),
    );
  } finally {
    await server.stop();
  }
}

/**
 * Requests per second the server sustained: the median per-second count, or
 * for a server slower than the buckets (CGI through a heavy host answers in
 * bursts: 0, 16, 0, ...) the mean, so slow is measured rather than failed.
 */
export function typicalRate(perSecond: readonly number[]): number {
  if (perSecond.length === 0) return 0;
  const typical = median(perSecond);
  return typical > 0 ? typical : perSecond.reduce((sum, n) => sum + n, 0) / perSecond.length;
}
