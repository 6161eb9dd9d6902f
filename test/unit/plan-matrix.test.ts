// The planner: runtime x mode x cache state x workload x params, with structured skips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../core/config/resolve.ts';
import type { UserConfig } from '../../core/config/types.ts';
import { planMatrix, type PlanEntry } from '../../core/plan/matrix.ts';
import { skipSentence } from '../../core/plan/skip.ts';
import type { RuntimeHandle } from '../../core/plan/types.ts';
import type { Detection, RuntimeAdapter } from '../../runners/types.ts';

const adapter = {} as RuntimeAdapter;
const fast: RuntimeHandle = {
  adapter,
  detection: {
    available: true,
    id: 'fast',
    host: 'cli',
    path: '/bin/fast',
    version: '1',
    arch: 'x64',
    notes: [],
    modes: [
      { mode: 'interpreter', modeName: 'interp', flags: [], cacheStates: ['cold'] },
      { mode: 'optimizing', modeName: 'jit', flags: ['--jit'], cacheStates: ['cold', 'warm'] },
    ],
    unsupportedModes: [{ mode: 'aot', modeName: 'fastc', reason: 'no compiler' }],
  } satisfies Detection,
};
const missing: RuntimeHandle = {
  adapter,
  detection: {
    available: false,
    id: 'gone',
    host: 'cli',
    arch: 'x64',
    reason: 'not on PATH',
    install: 'apt install gone',
  },
};
const workloads = [{ name: 'noop' }, { name: 'hello' }];

function config(user: UserConfig = {}) {
  return resolveConfig({ profile: 'quick', ...user }, { source: null, runId: 't', seed: () => 1 });
}

function describe(entries: PlanEntry<{ name: string }, unknown>[]): string[] {
  return entries.map((e) =>
    e.kind === 'case'
      ? `${e.handle.detection.id}/${e.mode.mode}/${e.cacheState}/${e.workload.name}${e.params === undefined ? '' : `/${String(e.params)}`}`
      : `skip ${e.reason.kind} ${e.handle.detection.id}${e.reason.mode ? `/${e.reason.mode}` : ''}`,
  );
}

test('every tier and cache state, then the tiers the build lacks; a missing runtime is one skip', () => {
  const entries = planMatrix(config(), [fast, missing], { workloads, modes: 'all', cacheStates: 'all' });
  assert.deepEqual(describe(entries), [
    'fast/interpreter/cold/noop',
    'fast/interpreter/cold/hello',
    'fast/optimizing/cold/noop',
    'fast/optimizing/cold/hello',
    'fast/optimizing/warm/noop',
    'fast/optimizing/warm/hello',
    'skip mode-unsupported fast/aot',
    'skip not-installed gone',
  ]);
  const gone = entries.at(-1)!;
  assert.equal(
    gone.kind === 'skip' && skipSentence(gone.reason),
    'skipped: not installed: not on PATH; apt install gone',
  );
  const aot = entries.at(-2)!;
  assert.equal(aot.kind === 'skip' && skipSentence(aot.reason), 'skipped: this fast build lacks fastc: no compiler');
});

test('default tier only unless modes are selected; a picked cache state; params crossed', () => {
  const entries = planMatrix(config(), [fast], {
    workloads: [workloads[0]],
    params: ['a', 'b'],
    modes: 'default',
    cacheStates: (allowed) => allowed.at(-1),
  });
  assert.deepEqual(describe(entries), ['fast/interpreter/cold/noop/a', 'fast/interpreter/cold/noop/b']);
  const selected = planMatrix(config({ modes: ['optimizing', 'aot'] }), [fast], {
    workloads: [workloads[0]],
    modes: 'default',
    cacheStates: (allowed) => allowed.at(-1),
  });
  assert.deepEqual(describe(selected), ['fast/optimizing/warm/noop', 'skip mode-unsupported fast/aot']);
});

test('a selection the runtime does not have is one structured skip naming both sides', () => {
  const entries = planMatrix(config({ modes: ['baseline'] }), [fast], { workloads, modes: 'all', cacheStates: 'all' });
  assert.equal(entries.length, 1);
  const [skip] = entries;
  assert.ok(skip.kind === 'skip');
  assert.deepEqual(skip.reason, {
    kind: 'nothing-selected',
    runtime: 'fast',
    detail: 'no selected mode and cache state exists on this runtime',
    selectedModes: ['baseline'],
    availableModes: ['interpreter', 'optimizing'],
  });
  assert.equal(
    skipSentence(skip.reason),
    'skipped: none of the selected modes (baseline) is supported by fast (it has interpreter, optimizing)',
  );
  // A lacking tier that was asked for is its own skip; here it was not asked for.
  const states = planMatrix(config({ modes: ['optimizing'], cacheStates: ['precompiled'] }), [fast], {
    workloads,
    modes: 'all',
    cacheStates: 'all',
  });
  assert.equal(states.length, 1);
  assert.equal(
    states[0].kind === 'skip' && skipSentence(states[0].reason),
    'skipped: none of the selected modes (optimizing)/cache states (precompiled) is supported by fast (it has interpreter, optimizing)',
  );
});

test("a workload the runtime cannot run is skipped with the runtime's reason", () => {
  const entries = planMatrix(config({ modes: ['interpreter'] }), [fast], {
    workloads,
    modes: 'all',
    cacheStates: 'all',
    unsupported: (_h, w) => (w.name === 'hello' ? 'no native twin' : null),
  });
  assert.deepEqual(describe(entries), ['fast/interpreter/cold/noop', 'skip workload-unsupported fast/interpreter']);
  const last = entries[1];
  assert.equal(last.kind === 'skip' && skipSentence(last.reason), 'skipped: fast cannot run hello: no native twin');
});
