import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  embedCallArgv,
  embedCompileArgv,
  embedModes,
  embedRunArgv,
  parseProbe,
  WASMTIME_PY_HOST,
} from '../../runners/wasmtime/embed.ts';

const PROBE =
  '{"version": "49.0.0", "python": "3.11.7", "executable": "/py/bin/python3", "tiers": {"cranelift": {"ok": true}, "winch": {"ok": false, "error": "winch not built"}, "pulley64": {"ok": true}}}\n';

test('parses the probe line', () => {
  const probe = parseProbe(PROBE);
  assert.equal(probe.version, '49.0.0');
  assert.equal(probe.executable, '/py/bin/python3');
  assert.throws(() => parseProbe('{"hello": 1}'), /unexpected probe output/);
  assert.throws(() => parseProbe('Traceback'), SyntaxError);
});

test('a tier the build lacks is left out with its reason', () => {
  const { modes, skipped } = embedModes(parseProbe(PROBE));
  assert.deepEqual(
    modes.map((m) => `${m.mode}:${m.modeName}`),
    ['interpreter:pulley', 'optimizing:cranelift'],
  );
  assert.deepEqual(modes[0].cacheStates, ['cold', 'warm', 'precompiled']);
  assert.deepEqual(skipped, ['baseline (winch) skipped: unavailable in this build of the bindings: winch not built']);
});

test('run argv: private cache config for cold/warm, the serialized artifact for precompiled', () => {
  const base = { python: '/py', tierFlags: ['--strategy', 'winch'], cacheConfig: '/w/c.toml', args: ['27', '5'] };
  assert.deepEqual(embedRunArgv({ ...base, cacheState: 'cold', modulePath: '/f/fib.wasm' }), [
    '/py',
    WASMTIME_PY_HOST,
    '--strategy',
    'winch',
    '--cache-config',
    '/w/c.toml',
    '/f/fib.wasm',
    '--',
    '27',
    '5',
  ]);
  assert.deepEqual(embedRunArgv({ ...base, cacheState: 'precompiled', modulePath: '/w/fib.cwasm' }), [
    '/py',
    WASMTIME_PY_HOST,
    '--strategy',
    'winch',
    '--precompiled',
    '/w/fib.cwasm',
    '--',
    '27',
    '5',
  ]);
});

test('compile and call argv', () => {
  assert.deepEqual(embedCompileArgv('/py', ['--target', 'pulley64'], '/f/a.wasm', '/w/a.cwasm'), [
    '/py',
    WASMTIME_PY_HOST,
    '--target',
    'pulley64',
    '--compile-out',
    '/w/a.cwasm',
    '/f/a.wasm',
  ]);
  assert.deepEqual(
    embedCallArgv('/py', [], '/f/call.wasm', { name: 'wb_hash', args: [12345], expect: 7, calls: 10, warmupCalls: 2 }),
    [
      '/py',
      WASMTIME_PY_HOST,
      '--call',
      'wb_hash',
      '--calls',
      '10',
      '--warmup-calls',
      '2',
      '--arg',
      '12345',
      '--expect',
      '7',
      '/f/call.wasm',
    ],
  );
});
