// Fixed-rate (open-loop) load, the wrk2 way: request i is DUE at
// t0 + i / rate whatever happened before, and its latency is measured from
// that intended send time. When the server stalls, requests queue and their
// wait counts, so this figure IS corrected for coordinated omission. The same
// requests timed from their actual write ("service time") are reported too;
// that figure is NOT corrected.
//
// usage: node fixed-rate.mjs JSON  with {host, port, path, body, expectBody,
//          connections, ratePerSec, durationMs, timeoutMs}
// prints one JSON result on stdout.
import { HttpConn } from './http-conn.mjs';
import { runDelayNs, schedstat } from './schedstat.mjs';

const opts = JSON.parse(process.argv[2] ?? '{}');
const now = () => process.hrtime.bigint();
const intervalNs = 1e9 / opts.ratePerSec;
const total = Math.max(1, Math.floor((opts.ratePerSec * opts.durationMs) / 1000));
const request = Buffer.from(
  `POST ${opts.path} HTTP/1.1\r\nHost: ${opts.host}:${opts.port}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(opts.body)}\r\n\r\n${opts.body}`,
);
// null: the bodies are not compared (a user handler without an expected output).
const expected = opts.expectBody == null ? null : Buffer.from(opts.expectBody);

const corrected = []; // from intended send time
const service = []; // from actual write
const schedLag = []; // when the driver noticed a request was due - its due time (client lateness)
const counts = { errors: 0, timeouts: 0, non2xx: 0, mismatches: 0 };
const inFlight = new Map(); // conn -> { intended, sent }
const queue = []; // intended send times (bigint) of due requests waiting for a free connection
let next = 0;
let finished = 0;
let t0 = 0n;

function onDone(conn, outcome) {
  const job = inFlight.get(conn);
  inFlight.delete(conn);
  const t = now();
  finished++;
  if ('error' in outcome) counts.errors++;
  else if (outcome.status < 200 || outcome.status > 299) counts.non2xx++;
  else if (expected && !outcome.body.equals(expected)) counts.mismatches++;
  else {
    corrected.push(Number(t - job.intended));
    service.push(Number(t - job.sent));
  }
  dispatch();
  if (finished === total) finish();
}

const conns = Array.from(
  { length: opts.connections },
  () => new HttpConn({ host: opts.host, port: opts.port, request, onDone, onReady: () => dispatch() }),
);

function dispatch() {
  while (queue.length) {
    const conn = conns.find((c) => c.ready);
    if (!conn) return;
    const intended = queue.shift();
    const sent = now();
    inFlight.set(conn, { intended, sent });
    conn.send();
  }
}

// Due time of request i, in ns since t0 (Numbers: exact far beyond any run length).
const dueNs = (i) => Math.round(i * intervalNs);
const sinceT0 = () => Number(now() - t0);

// Sleep with a timer while the next send is far, spin with setImmediate (which
// still lets I/O through) when it is near, so sends leave close to their due time.
function pump() {
  const t = sinceT0();
  while (next < total && dueNs(next) <= t) {
    schedLag.push(t - dueNs(next));
    queue.push(t0 + BigInt(dueNs(next)));
    next++;
  }
  dispatch();
  if (next >= total) return;
  const waitNs = dueNs(next) - sinceT0();
  if (waitNs > 2_000_000) setTimeout(pump, Math.floor(waitNs / 1e6) - 1);
  else setImmediate(pump);
}

function finish() {
  clearTimeout(deadline);
  const wallNs = Number(now() - t0);
  const cpu = process.cpuUsage(cpu0);
  // Requests never answered before the deadline are timeouts, not silently dropped.
  counts.timeouts += total - finished;
  for (const c of conns) c.close();
  process.stdout.write(
    JSON.stringify({
      ratePerSec: opts.ratePerSec,
      planned: total,
      sent: next,
      answered: corrected.length,
      achievedPerSec: Math.round((corrected.length * 1e9) / wallNs),
      correctedNs: corrected,
      serviceNs: service,
      // p99 of the driver's own lateness: large values mean the CLIENT could not keep the schedule.
      schedLagP99Ns: schedLag.sort((a, b) => a - b)[Math.max(0, Math.ceil(schedLag.length * 0.99) - 1)] ?? 0,
      ...counts,
      wallNs,
      cpuUserNs: cpu.user * 1000,
      cpuSysNs: cpu.system * 1000,
      runDelayNs: runDelayNs(sched0, schedstat()),
    }) + '\n',
    () => process.exit(0),
  ); // exit only once the result is written (pipes are async on some platforms)
}

const cpu0 = process.cpuUsage();
const sched0 = schedstat();
let deadline;
// Let every connection finish its TCP handshake before the clock starts.
setTimeout(() => {
  t0 = now();
  deadline = setTimeout(finish, opts.durationMs + opts.timeoutMs);
  pump();
}, 50);
