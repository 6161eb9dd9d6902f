// The handler's three implementations agree: the JS twin (node-js variant),
// the committed wasm (reuse and fresh strategies) and the native oracle
// (expected.stdout).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { checkTwinAgainstOracle, expectedResponse, handlerFixture } from '../../suites/throughput/expected.ts';
import { handle, SAMPLE_BODY, sha256 } from '../../suites/throughput/servers/handler.mjs';
import { loadWasmHandler } from '../../suites/throughput/servers/wasm-handler.mjs';

test('JS sha256 equals node:crypto across block boundaries', () => {
  for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000]) {
    const bytes = Buffer.alloc(length, 0x61 + (length % 26));
    assert.equal(
      Buffer.from(sha256(bytes)).toString('hex'),
      createHash('sha256').update(bytes).digest('hex'),
      `length ${length}`,
    );
  }
});

test('the JS twin matches the native oracle in fixtures/wasm/handler/expected.stdout', async () => {
  const fixture = await handlerFixture();
  assert.doesNotThrow(() => checkTwinAgainstOracle(fixture));
  assert.equal(`${expectedResponse(Number(fixture.defaultArgs[1]))}\n`, fixture.expectedStdout);
  assert.throws(
    () => checkTwinAgainstOracle({ ...fixture, expectedStdout: 'something else\n' }),
    /keep the two implementations identical/,
  );
});

test('the wasm handler (reuse and fresh) answers exactly like the JS twin', async () => {
  const fixture = await handlerFixture();
  const bodies = [Buffer.from(SAMPLE_BODY), Buffer.alloc(0), Buffer.alloc(300, 7)];
  for (const strategy of ['reuse', 'fresh']) {
    const wasm = loadWasmHandler(fixture.wasmPath, strategy);
    for (const body of bodies) {
      for (const rounds of [1, 2, 16])
        assert.equal(wasm(body, rounds), handle(body, rounds), `${strategy} ${body.length} bytes ${rounds} rounds`);
    }
  }
  assert.throws(() => loadWasmHandler(fixture.wasmPath, 'sometimes'), /unknown wasm strategy/);
});

test('the response names the body size and rounds', () => {
  assert.match(handle(Buffer.from('abc'), 3), /^\{"sha256":"[0-9a-f]{64}","bytes":3,"rounds":3\}$/);
});
