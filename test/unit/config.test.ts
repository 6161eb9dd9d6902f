// Config validation and resolution: every problem listed at once, with the key and the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateUserConfig } from '../../core/config/schema.ts';
import { mergeConfigs, resolveConfig } from '../../core/config/resolve.ts';
import { UsageError } from '../../core/errors.ts';
import { flagsToConfig } from '../../cli/options.ts';

function problems(input: unknown): string {
  try {
    validateUserConfig(input, 'bench.config.ts');
  } catch (err) {
    assert.ok(err instanceof UsageError);
    assert.equal(err.exitCode, 2);
    return err.message;
  }
  assert.fail('expected a UsageError');
}

test('lists every problem at once, naming each key', () => {
  const message = problems({
    suites: ['startup', 'nope'],
    runtimes: [],
    iterations: 0,
    colour: 'red',
    startup: { fixtures: ['hello'], extra: 1 },
  });
  assert.match(message, /\(5 problems\)/);
  assert.match(message, /suites\.1: got "nope"; use one of "startup", "sleep-jitter", "throughput"/);
  assert.match(message, /runtimes: must list at least one entry/);
  assert.match(message, /iterations: .*>=1/);
  assert.match(message, /\(top level\): unknown key\(s\) "colour"/);
  assert.match(message, /startup: unknown key\(s\) "extra"/);
});

test('unknown runtime names list the valid ones', () => {
  assert.match(
    problems({ runtimes: ['node', 'wasmtim'] }),
    /runtimes\.1: got "wasmtim"; use one of "node", "native", "container", "wasmtime", "wasmer", "wasmedge", "wasm3", "iwasm", "wazero"/,
  );
});

test('a valid config passes through unchanged', () => {
  const config = { suites: ['startup'], runtimes: ['node'], profile: 'quick', iterations: 3 };
  assert.deepEqual(validateUserConfig(config, 'x'), config);
});

test('resolution: profile defaults, then file, then command line', () => {
  const file = { profile: 'quick' as const, iterations: 7, startup: { fixtures: ['hello'] } };
  const cli = { iterations: 9 };
  const resolved = resolveConfig(mergeConfigs(file, cli), { source: 'bench.config.ts', runId: 'r1', seed: () => 11 });
  assert.equal(resolved.iterations, 9);
  assert.equal(resolved.warmups, 1); // quick profile
  assert.equal(resolved.seed, 11);
  assert.equal(resolved.out, 'results/r1');
  assert.deepEqual(resolved.startup.fixtures, ['hello']);
  assert.deepEqual(resolved.suites, ['startup']);
  assert.deepEqual(resolved.runtimes, ['node', 'native']);
});

test('standard and publish profiles set their sample counts', () => {
  const standard = resolveConfig({}, { source: null, runId: 'r', seed: () => 1 });
  const publish = resolveConfig({ profile: 'publish' }, { source: null, runId: 'r', seed: () => 1 });
  assert.deepEqual([standard.iterations, standard.warmups], [20, 3]);
  assert.deepEqual([publish.iterations, publish.warmups], [50, 5]);
});

test('command-line flags are validated like the config file', () => {
  assert.deepEqual(flagsToConfig({ suite: 'startup', runtime: 'node,native', iterations: '5' }), {
    suites: ['startup'],
    runtimes: ['node', 'native'],
    iterations: 5,
  });
  assert.throws(() => flagsToConfig({ suite: 'startpu' }), /suites\.0: got "startpu"; use one of "startup"/);
  assert.throws(() => flagsToConfig({ iterations: 'ten' }), /--iterations expects a whole number, got "ten"/);
  assert.throws(
    () => flagsToConfig({ profile: 'fast' }),
    /profile: got "fast"; use one of "quick", "standard", "publish"/,
  );
});
