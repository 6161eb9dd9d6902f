import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cacheConfigToml,
  cliCacheFlags,
  cliCompileArgv,
  cliDirFlags,
  cliRunArgv,
  cliTierFlags,
  parseWasmtimeVersion,
} from '../../runners/wasmtime/cli.ts';

const V36 = parseWasmtimeVersion('wasmtime 36.0.0 (abcdef123 2025-08-20)\n')!;
const V24 = parseWasmtimeVersion('wasmtime-cli 24.0.0\n')!;
const V13 = parseWasmtimeVersion('wasmtime-cli 13.0.1')!;

test('parses the version from both output formats', () => {
  assert.deepEqual(V36, { major: 36, minor: 0, patch: 0, text: '36.0.0' });
  assert.deepEqual(V24, { major: 24, minor: 0, patch: 0, text: '24.0.0' });
  assert.equal(parseWasmtimeVersion('wasmtime 30.0.2')?.text, '30.0.2');
  assert.equal(parseWasmtimeVersion('command not found'), null);
  assert.equal(parseWasmtimeVersion(''), null);
});

test('tier flags per version: Pulley from v30, Winch from v14', () => {
  assert.deepEqual(cliTierFlags('interpreter', V36), ['--target', 'pulley64']);
  assert.deepEqual(cliTierFlags('baseline', V36), ['-C', 'compiler=winch']);
  assert.deepEqual(cliTierFlags('optimizing', V36), ['-C', 'compiler=cranelift']);
  assert.equal(cliTierFlags('interpreter', V24), null);
  assert.deepEqual(cliTierFlags('baseline', V24), ['-C', 'compiler=winch']);
  assert.equal(cliTierFlags('baseline', V13), null);
  assert.deepEqual(cliTierFlags('optimizing', V13), []);
  assert.equal(cliTierFlags('tiered', V36), null);
});

test('--dir syntax changed in v14', () => {
  assert.deepEqual(cliDirFlags(V36), ['--dir', '.::.']);
  assert.deepEqual(cliDirFlags(V13), ['--dir', '.']);
});

test('every command names a cache: off or a private config, never the user default', () => {
  assert.deepEqual(cliCacheFlags(V36, null), ['-C', 'cache=n']);
  assert.deepEqual(cliCacheFlags(V36, '/w/c.toml'), ['-C', 'cache-config=/w/c.toml']);
  assert.deepEqual(cliCacheFlags(V13, null), ['--disable-cache']);
  assert.deepEqual(cliCacheFlags(V13, '/w/c.toml'), ['--cache-config', '/w/c.toml']);
});

test('cache config: no `enabled` key from v33 on', () => {
  assert.equal(cacheConfigToml('/w/cache', V36), '[cache]\ndirectory = "/w/cache"\n');
  assert.equal(cacheConfigToml('/w/cache', V24), '[cache]\nenabled = true\ndirectory = "/w/cache"\n');
});

test('run argv: flags before the module, guest args after; precompiled runs the .cwasm with the cache off', () => {
  const base = {
    wasmtime: '/usr/bin/wasmtime',
    version: V36,
    tierFlags: ['-C', 'compiler=winch'],
    cacheConfig: '/w/c.toml',
    args: ['27', '5'],
  };
  assert.deepEqual(cliRunArgv({ ...base, cacheState: 'cold', modulePath: '/f/fib.wasm' }), [
    '/usr/bin/wasmtime',
    'run',
    '-C',
    'compiler=winch',
    '-C',
    'cache-config=/w/c.toml',
    '--dir',
    '.::.',
    '/f/fib.wasm',
    '27',
    '5',
  ]);
  assert.deepEqual(cliRunArgv({ ...base, cacheState: 'precompiled', modulePath: '/w/fib.cwasm' }), [
    '/usr/bin/wasmtime',
    'run',
    '-C',
    'compiler=winch',
    '-C',
    'cache=n',
    '--allow-precompiled',
    '--dir',
    '.::.',
    '/w/fib.cwasm',
    '27',
    '5',
  ]);
  assert.deepEqual(
    cliRunArgv({ ...base, version: V13, tierFlags: [], cacheState: 'warm', modulePath: '/f/fib.wasm' }),
    ['/usr/bin/wasmtime', 'run', '--cache-config', '/w/c.toml', '--dir', '.', '/f/fib.wasm', '27', '5'],
  );
});

test('compile argv uses the same engine flags as the run', () => {
  assert.deepEqual(cliCompileArgv('/usr/bin/wasmtime', V36, ['--target', 'pulley64'], '/f/fib.wasm', '/w/fib.cwasm'), [
    '/usr/bin/wasmtime',
    'compile',
    '--target',
    'pulley64',
    '-C',
    'cache=n',
    '-o',
    '/w/fib.cwasm',
    '/f/fib.wasm',
  ]);
});
