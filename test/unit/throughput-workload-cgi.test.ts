// A user's CGI handler in the throughput suite: the opt-in (config and
// --cgi), how its expected stdout becomes the expected response body, and
// host protocol lines glued to a body that ends without a newline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateUserConfig } from '../../core/config/schema.ts';
import type { Workload } from '../../core/workloads/types.ts';
import { flagsToConfig } from '../../cli/options.ts';
import { parseCgiResponse } from '../../suites/throughput/servers/cgi-response.mjs';
import { cgiExpectation } from '../../suites/throughput/workload-cgi.ts';

function workload(over: Partial<Workload>): Workload {
  return {
    name: 'fnv',
    origin: 'module',
    wasmPath: '/w/fnv.wasm',
    wasmPathAsGiven: 'fnv.wasm',
    args: [],
    dirs: [],
    env: {},
    expectedStdout: null,
    check: 'ignore',
    timeoutMs: 1000,
    module: { sha256: '0'.repeat(64), bytes: 1, benchMarkers: false },
    cgi: { args: [] },
    ...over,
  };
}

test('cgi opt-in: true or { args } in workloads, --cgi for every --wasm; --cgi alone is a usage error', () => {
  const config = validateUserConfig(
    {
      workloads: [
        { wasm: 'a.wasm', cgi: true },
        { wasm: 'b.wasm', cgi: { args: ['cgi', '16'] } },
      ],
    },
    'test',
  );
  assert.deepEqual(
    config.workloads?.map((w) => w.cgi),
    [true, { args: ['cgi', '16'] }],
  );
  assert.throws(() => validateUserConfig({ workloads: [{ wasm: 'a.wasm', cgi: 'yes' }] }, 'test'), /cgi/);
  assert.deepEqual(flagsToConfig({ wasm: ['a.wasm'], cgi: true, guestArgs: ['x'] }).workloads, [
    { wasm: 'a.wasm', args: ['x'], cgi: true },
  ]);
  assert.deepEqual(flagsToConfig({ wasm: ['a.wasm'] }).workloads, [{ wasm: 'a.wasm', args: [] }]);
  assert.throws(() => flagsToConfig({ cgi: true }), /--cgi needs --wasm/);
});

test('the expected response body is the body of expectedStdout; no or a regex expectation is recorded as unchecked', () => {
  const exact = cgiExpectation(
    workload({ expectedStdout: 'Content-Type: application/json\n\n{"ok":1}', check: 'exact' }),
  );
  assert.equal(exact.body, '{"ok":1}');
  assert.match(exact.responseCheck, /^every response body equals the body of expectedStdout/);
  const none = cgiExpectation(workload({}));
  assert.equal(none.body, null);
  assert.match(none.responseCheck, /not checked .*no expectedStdout/);
  const regex = cgiExpectation(workload({ expectedStdout: 'ok.*', check: 'regex' }));
  assert.equal(regex.body, null);
  assert.match(regex.responseCheck, /regex expectedStdout is not compared per response/);
  assert.throws(
    () => cgiExpectation(workload({ expectedStdout: '{"ok":1}', check: 'exact' })),
    /workload "fnv": its expectedStdout is not a CGI response \(no blank line/,
  );
});

test("a host's protocol lines glued to a body without a final newline are not part of the body", () => {
  const r = parseCgiResponse(
    Buffer.from('Content-Type: text/plain\n\n{"b":1}@wb compile_ns 12\n@wb instantiate_ns 3\n@wb execute_ns 4\n'),
  );
  assert.equal(r.body.toString(), '{"b":1}');
  // Text that merely contains "@wb" in the body's middle is kept.
  assert.equal(parseCgiResponse(Buffer.from('A: b\n\nmail @wb team\n')).body.toString(), 'mail @wb team\n');
});
