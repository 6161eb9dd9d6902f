// Real server processes: every variant answers the checked response; bad
// servers become errored samples with their stderr; loopback only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { nativeAdapter } from '../../runners/native.ts';
import { nodeAdapter } from '../../runners/node.ts';
import type { RuntimeAdapter } from '../../runners/types.ts';
import { expectedResponse, handlerFixture, REQUEST_BODY } from '../../suites/throughput/expected.ts';
import { fetchOnce, takeThroughputSample } from '../../suites/throughput/sample.ts';
import { startServer, type ServerSpec } from '../../suites/throughput/server-process.ts';
import {
  cgiServerSpec,
  NODE_HOSTED,
  NODE_SERVER_SCRIPT,
  nodeServerSpec,
  type ServeLimits,
} from '../../suites/throughput/variants.ts';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const limits: ServeLimits = { maxLifetimeMs: 120_000, exitOnStdinClose: true, port: 0, requestTimeoutMs: 30_000 };

async function answer(spec: ServerSpec, body = REQUEST_BODY): Promise<{ status: number; body: string }> {
  const server = await startServer(spec, 30_000);
  try {
    assert.ok(server.port > 0);
    return await fetchOnce(server.port, body, 30_000);
  } finally {
    await server.stop();
  }
}

test('node-js, node-wasm-reuse and node-wasm-fresh give the same checked answer', { timeout: 60_000 }, async () => {
  const fixture = await handlerFixture();
  for (const variant of NODE_HOSTED) {
    for (const rounds of [1, 16]) {
      const got = await answer(nodeServerSpec(variant, fixture, rounds, [], limits));
      assert.deepEqual(got, { status: 200, body: expectedResponse(rounds) }, `${variant} rounds ${rounds}`);
    }
  }
});

async function cgiFor(adapter: RuntimeAdapter, t: { skip(reason: string): void }): Promise<ServerSpec | null> {
  const detection = await adapter.detect();
  if (!detection.available) {
    t.skip(`${adapter.id} not available: ${detection.reason}`);
    return null;
  }
  const fixture = await handlerFixture();
  const workDir = await mkdtemp(join(tmpdir(), 'wasmbench-cgi-'));
  const mode = detection.modes[0];
  const spec = { fixture, args: ['cgi', '16'], env: {}, mode: mode.mode, cacheState: mode.cacheStates[0], workDir };
  const prepared = await adapter.prepare(detection, spec);
  return cgiServerSpec(adapter.command(detection, spec, prepared), workDir, limits);
}

for (const adapter of [nativeAdapter, nodeAdapter]) {
  test(`cgi through the ${adapter.id} adapter: one process per request, same answer`, {
    timeout: 120_000,
  }, async (t) => {
    const spec = await cgiFor(adapter, t);
    if (!spec) return;
    assert.deepEqual(await answer(spec), { status: 200, body: expectedResponse(16) });
  });
}

test('a short load run on node-wasm-reuse gives per-second rates, latencies and counts', {
  timeout: 60_000,
}, async () => {
  const fixture = await handlerFixture();
  const outcome = await takeThroughputSample({
    server: nodeServerSpec('node-wasm-reuse', fixture, 16, [], limits),
    body: REQUEST_BODY,
    expectBody: expectedResponse(16),
    connections: 4,
    durationMs: 1000,
    warmupMs: 0,
    rateFraction: 0.25,
    ratePerSec: null,
    requestTimeoutMs: 10_000,
    clientPrefix: [],
  });
  assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.error));
  const m = outcome.metrics;
  assert.equal((m.requestsPerSec as number[]).length, 1);
  assert.ok((m.requestsPerSec as number[])[0] > 0);
  assert.ok((m.latencyNs as number[]).length > 0);
  assert.ok(
    (m.latencyNs as number[]).every((v) => Number.isInteger(v) && v > 0),
    'integer ns latencies',
  );
  assert.equal((m.latencyNs as number[]).length, (m.serviceLatencyNs as number[]).length);
  assert.deepEqual([m.errors, m.non2xx, m.mismatches], [0, 0, 0]);
  assert.ok((m.fixedRateTargetPerSec as number) >= 1);
});

test('a server answering wrongly is a wrong-output sample; one that cannot start is a spawn error with stderr', {
  timeout: 60_000,
}, async () => {
  const fixture = await handlerFixture();
  const base = {
    body: REQUEST_BODY,
    connections: 2,
    durationMs: 1000,
    warmupMs: 0,
    rateFraction: 0.5,
    ratePerSec: null,
    requestTimeoutMs: 5000,
    clientPrefix: [],
  };
  const wrong = await takeThroughputSample({
    ...base,
    server: nodeServerSpec('node-js', fixture, 17, [], limits),
    expectBody: expectedResponse(16),
  });
  assert.equal(wrong.ok, false);
  assert.equal(!wrong.ok && wrong.error.kind, 'wrong-output');
  const broken = await takeThroughputSample({
    ...base,
    expectBody: expectedResponse(16),
    server: { argv: [process.execPath, NODE_SERVER_SCRIPT, '--variant', 'node-wasm-reuse'], readiness: 'announce' },
  });
  assert.equal(broken.ok, false);
  assert.equal(!broken.ok && broken.error.kind, 'spawn');
  assert.match(!broken.ok ? broken.error.message : '', /needs --wasm/);
  // A server that goes away mid-run (here: its own lifetime bound) errors the sample with its stderr tail.
  const dying = await takeThroughputSample({
    ...base,
    warmupMs: 1000,
    expectBody: expectedResponse(16),
    server: nodeServerSpec('node-js', fixture, 16, [], { ...limits, maxLifetimeMs: 1500 }),
  });
  assert.equal(dying.ok, false);
  assert.equal(!dying.ok && dying.error.kind, 'exit');
  assert.match(!dying.ok ? dying.error.stderrTail : '', /max-lifetime-ms/);
});

test('servers refuse a non-loopback address', async () => {
  const run = promisify(execFile);
  await assert.rejects(
    run(process.execPath, [NODE_SERVER_SCRIPT, '--variant', 'node-js', '--host', '0.0.0.0']),
    (err: { code: number; stderr: string }) => {
      assert.equal(err.code, 2);
      assert.match(err.stderr, /not a loopback address/);
      return true;
    },
  );
});

test('wasmbench serve node-wasm-reuse serves the handler until SIGINT; bad usage exits 2', {
  timeout: 60_000,
}, async () => {
  const { spawn } = await import('node:child_process');
  const bin = join(import.meta.dirname, '../../bin/wasmbench.mjs');
  const child = spawn(process.execPath, [bin, 'serve', 'node-wasm-reuse', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      const m = /listening 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
  });
  assert.deepEqual(await fetchOnce(port, REQUEST_BODY, 10_000), { status: 200, body: expectedResponse(16) });
  const code = await new Promise<number | null>((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGINT');
  });
  assert.equal(code, 0);
  const run = promisify(execFile);
  await assert.rejects(run(process.execPath, [bin, 'serve', 'nginx']), (err: { code: number; stderr: string }) => {
    assert.equal(err.code, 2);
    assert.match(err.stderr, /unknown variant "nginx"/);
    return true;
  });
});
