// Pure parts of the throughput suite: CGI responses, /proc fields, CPU plans,
// options with profile defaults and their validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../core/config/resolve.ts';
import { validateUserConfig } from '../../core/config/schema.ts';
import { cpuCount, pinned, planCpus, resolveThroughput } from '../../suites/throughput/options.ts';
import { parseStatCpuTicks, parseVmHwmBytes } from '../../suites/throughput/proc-stats.ts';
import { parseCgiResponse } from '../../suites/throughput/servers/cgi-response.mjs';
import { isLoopback } from '../../suites/throughput/servers/server-args.mjs';

test('CGI response: headers, Status, Content-Length bounds the body past trailing protocol lines', () => {
  const r = parseCgiResponse(
    Buffer.from('Content-Type: application/json\nContent-Length: 4\n\nbody@wb compile_ns 12\n'),
  );
  assert.equal(r.status, 200);
  assert.deepEqual(r.headers, [
    ['Content-Type', 'application/json'],
    ['Content-Length', '4'],
  ]);
  assert.equal(r.body.toString(), 'body');
  const s = parseCgiResponse(
    Buffer.from('Status: 413 Too Large\r\nContent-Type: text/plain\r\n\r\nno\n@wb execute_ns 5\n'),
  );
  assert.equal(s.status, 413);
  assert.equal(s.body.toString(), 'no\n');
});

test('CGI response: malformed output is an error naming the problem', () => {
  assert.throws(() => parseCgiResponse(Buffer.from('just text')), /no blank line/);
  assert.throws(() => parseCgiResponse(Buffer.from('oops\n\nx')), /malformed CGI header/);
  assert.throws(() => parseCgiResponse(Buffer.from('Content-Length: 10\n\nshort')), /Content-Length 10 but only 5/);
  assert.throws(() => parseCgiResponse(Buffer.from('Status: abc\n\nx')), /bad CGI Status/);
});

test('/proc parsing: CPU ticks after a command name with spaces and parens, VmHWM in bytes', () => {
  const stat = '1234 (node (x) y) S 1 2 3 4 5 6 7 8 9 10 100 20 3 4 20 0 1 0';
  assert.equal(parseStatCpuTicks(stat), 100 + 20 + 3 + 4);
  assert.equal(parseVmHwmBytes('Name:\tnode\nVmHWM:\t  61472 kB\nVmRSS:\t1 kB\n'), 61472 * 1024);
  assert.equal(parseVmHwmBytes('Name:\tnode\n'), null);
});

test('CPU plan: server and client on different halves, or a reason', () => {
  assert.deepEqual(planCpus(true, '/usr/bin/taskset', 2), { server: '0', client: '1' });
  assert.deepEqual(planCpus(true, '/usr/bin/taskset', 8), { server: '0-3', client: '4-7' });
  assert.match(planCpus(true, null, 8).reason!, /taskset not found/);
  assert.match(planCpus(true, '/usr/bin/taskset', 1).reason!, /only 1 CPU/);
  assert.match(planCpus(false, '/usr/bin/taskset', 8).reason!, /disabled/);
  assert.deepEqual(pinned(['node', 'x'], '1', '/usr/bin/taskset'), ['/usr/bin/taskset', '-c', '1', 'node', 'x']);
  assert.deepEqual(pinned(['node'], null, '/usr/bin/taskset'), ['node']);
  assert.equal(cpuCount('4-7'), 4);
  assert.equal(cpuCount('1'), 1);
});

test('throughput options: profile defaults, user values win', () => {
  const quick = resolveThroughput(resolveConfig({ profile: 'quick' }));
  assert.equal(quick.durationMs, 3000);
  assert.equal(quick.iterations, 1);
  assert.equal(quick.connections, 16);
  assert.equal(quick.rateFraction, 0.5);
  assert.equal(quick.ratePerSec, null);
  assert.equal(quick.variantsExplicit, false);
  const standard = resolveThroughput(resolveConfig({ profile: 'standard' }));
  assert.ok(standard.durationMs >= 10_000);
  const mine = resolveThroughput(
    resolveConfig({ profile: 'quick', throughput: { connections: 4, variants: ['cgi'], ratePerSec: 100 } }),
  );
  assert.deepEqual([mine.connections, mine.variants, mine.ratePerSec, mine.variantsExplicit], [4, ['cgi'], 100, true]);
});

test('throughput config validation names the key and the valid values', () => {
  assert.throws(
    () => validateUserConfig({ throughput: { variants: ['nginx'] } }, 'x'),
    /throughput\.variants\.0.*node-js/s,
  );
  assert.throws(() => validateUserConfig({ throughput: { rateFraction: 2 } }, 'x'), /throughput\.rateFraction/);
  assert.throws(() => validateUserConfig({ throughput: { conections: 2 } }, 'x'), /unknown key/);
  assert.doesNotThrow(() => validateUserConfig({ throughput: { connections: 8, durationMs: 2000, pin: false } }, 'x'));
});

test('servers accept loopback hosts only', () => {
  for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) assert.equal(isLoopback(host), true, host);
  for (const host of ['0.0.0.0', '10.0.0.1', '::', 'example.com']) assert.equal(isLoopback(host), false, host);
});

test('closed-loop results of several driver processes merge into one', async () => {
  const { mergeClosedLoop } = await import('../../suites/throughput/load-run.ts');
  const part = (perSecond: number[], latencyNs: number[], runDelayNs: number | null) => ({
    perSecond,
    latencyNs,
    requests: latencyNs.length,
    processes: 1,
    errors: 1,
    timeouts: 0,
    non2xx: 2,
    mismatches: 0,
    wallNs: 3e9 + perSecond.length,
    cpuUserNs: 10,
    cpuSysNs: 5,
    runDelayNs,
  });
  const merged = mergeClosedLoop([part([10, 20, 30], [1, 2], 7), part([1, 2], [3], 8)]);
  assert.deepEqual(merged.perSecond, [11, 22]);
  assert.deepEqual(merged.latencyNs, [1, 2, 3]);
  assert.deepEqual(
    [merged.requests, merged.errors, merged.non2xx, merged.cpuUserNs, merged.runDelayNs, merged.processes],
    [3, 2, 4, 20, 15, 2],
  );
  assert.equal(merged.wallNs, 3e9 + 3);
  assert.equal(mergeClosedLoop([part([1], [1], 7), part([1], [1], null)]).runDelayNs, null);
});

test('typicalRate: median of per-second counts, or the mean for a server slower than the buckets', async () => {
  const { typicalRate } = await import('../../suites/throughput/sample.ts');
  assert.equal(typicalRate([]), 0);
  assert.equal(typicalRate([10, 30, 20]), 20);
  assert.equal(typicalRate([0, 16, 0, 0]), 4); // median 0, mean 16/4
  assert.equal(typicalRate([0, 0, 0]), 0);
});
