// Closed-loop load (max throughput) with autocannon, in its own process so it
// never shares the server's event loop. Each connection sends its next
// request as soon as the previous response arrives, so latency here is
// measured from the ACTUAL send time and is NOT corrected for coordinated
// omission: a stalled server simply receives fewer requests.
//
// usage: node closed-loop.mjs JSON   with {url, connections, durationMs,
//          body, expectBody, timeoutMs}; prints one JSON result on stdout:
// {perSecond: [...], latencyNs: [...every 2xx response's latency...], requests,
//  errors, timeouts, non2xx, mismatches, wallNs, cpuUserNs, cpuSysNs, runDelayNs}
import autocannon from 'autocannon';
import { runDelayNs, schedstat } from './schedstat.mjs';

const opts = JSON.parse(process.argv[2] ?? '{}');
const durationS = Math.max(1, Math.round(opts.durationMs / 1000));
const latencies = [];
const perSecond = [];
// From before autocannon starts, so the run's whole seconds are never cut short.
const started = process.hrtime.bigint();

const cpu0 = process.cpuUsage();
const sched0 = schedstat();
const instance = autocannon(
  {
    url: opts.url,
    method: 'POST',
    body: opts.body,
    headers: { 'content-type': 'application/json' },
    // null: the bodies are not compared (autocannon checks only when given one).
    expectBody: opts.expectBody ?? undefined,
    connections: opts.connections,
    duration: durationS,
    timeout: Math.max(1, Math.ceil(opts.timeoutMs / 1000)),
  },
  (err, result) => {
    if (err) {
      process.stderr.write(`autocannon failed: ${err.message}\n`);
      process.exit(1);
    }
    const wallNs = Number(process.hrtime.bigint() - started);
    const cpu = process.cpuUsage(cpu0);
    process.stdout.write(
      JSON.stringify({
        // Whole seconds only; a second without a response is a real 0, not a gap.
        perSecond: Array.from({ length: Math.min(durationS, Math.floor(wallNs / 1e9)) }, (_, i) => perSecond[i] ?? 0),
        latencyNs: latencies,
        requests: latencies.length,
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        mismatches: result.mismatches,
        wallNs,
        cpuUserNs: cpu.user * 1000,
        cpuSysNs: cpu.system * 1000,
        runDelayNs: runDelayNs(sched0, schedstat()),
      }) + '\n',
    );
  },
);
// responseTime is float milliseconds from process.hrtime: keep integer ns.
instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
  const second = Number((process.hrtime.bigint() - started) / 1_000_000_000n);
  perSecond[second] = (perSecond[second] ?? 0) + 1;
  latencies.push(Math.round(responseTimeMs * 1e6));
});
