// The measuring loop against fake cases: exact sample counts, interleaving,
// seeded order, error handling and abort. No processes are started.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunEventBus } from '../../core/events.ts';
import { runLoop, type LoopCase, type SampleOutcome } from '../../core/loop.ts';

function fakeCase(
  id: string,
  warmups: number,
  iterations: number,
  log: string[],
  outcome: (n: number) => SampleOutcome = () => ({ ok: true, metrics: { wallNs: 1 } }),
): LoopCase {
  let calls = 0;
  return {
    id,
    warmups,
    iterations,
    async takeSample(phase, index) {
      log.push(`${id}:${phase}:${index}`);
      return outcome(calls++);
    },
  };
}

test('each case takes exactly warmups + iterations samples, warmups first', async () => {
  const log: string[] = [];
  const bus = new RunEventBus();
  const measured: string[] = [];
  bus.on('sample', (e) => e.phase === 'measure' && measured.push(e.caseId));
  const reports = await runLoop([fakeCase('a', 2, 5, log), fakeCase('b', 1, 3, log)], { seed: 1 }, bus);
  assert.equal(log.filter((l) => l.startsWith('a:warmup')).length, 2);
  assert.equal(log.filter((l) => l.startsWith('a:measure')).length, 5);
  assert.equal(log.filter((l) => l.startsWith('b:warmup')).length, 1);
  assert.equal(log.filter((l) => l.startsWith('b:measure')).length, 3);
  assert.deepEqual(
    reports.map((r) => [r.id, r.measured, r.errors, r.stoppedReason]),
    [
      ['a', 5, 0, null],
      ['b', 3, 0, null],
    ],
  );
  assert.equal(measured.length, 8);
  // A case's measured samples never come before its own warmups.
  assert.ok(log.indexOf('a:measure:0') > log.indexOf('a:warmup:1'));
});

test('samples are interleaved round by round (never all of A, then all of B)', async () => {
  const log: string[] = [];
  await runLoop(
    [fakeCase('a', 0, 4, log), fakeCase('b', 0, 4, log), fakeCase('c', 0, 4, log)],
    { seed: 7 },
    new RunEventBus(),
  );
  for (let round = 0; round < 4; round++) {
    const slice = log
      .slice(round * 3, round * 3 + 3)
      .map((l) => l[0])
      .sort();
    assert.deepEqual(slice, ['a', 'b', 'c'], `round ${round}: ${log.slice(round * 3, round * 3 + 3)}`);
  }
});

test('the same seed gives the same order; another seed gives another', async () => {
  const order = async (seed: number) => {
    const log: string[] = [];
    await runLoop(
      ['a', 'b', 'c', 'd'].map((id) => fakeCase(id, 0, 6, log)),
      { seed },
      new RunEventBus(),
    );
    return log.join(' ');
  };
  assert.equal(await order(42), await order(42));
  assert.notEqual(await order(42), await order(43));
});

test('a failing sample is recorded and the run goes on', async () => {
  const log: string[] = [];
  const errors: string[] = [];
  const bus = new RunEventBus();
  bus.on('sample-error', (e) => errors.push(`${e.caseId}:${e.error.index}:${e.error.kind}`));
  const flaky = fakeCase('flaky', 0, 5, log, (n) =>
    n === 2
      ? { ok: false, error: { kind: 'exit', message: 'exit 1', stderrTail: 'boom' } }
      : { ok: true, metrics: { wallNs: n } },
  );
  const reports = await runLoop([flaky, fakeCase('fine', 0, 5, log)], { seed: 3 }, bus);
  assert.deepEqual(errors, ['flaky:2:exit']);
  assert.deepEqual(
    reports.map((r) => [r.id, r.measured, r.errors]),
    [
      ['flaky', 4, 1],
      ['fine', 5, 0],
    ],
  );
});

test('a case stops after 3 consecutive failures; others finish', async () => {
  const log: string[] = [];
  const broken = fakeCase('broken', 1, 10, log, () => ({
    ok: false,
    error: { kind: 'signal', message: 'SIGSEGV', stderrTail: '' },
  }));
  const reports = await runLoop([broken, fakeCase('ok', 1, 10, log)], { seed: 5 }, new RunEventBus());
  assert.equal(log.filter((l) => l.startsWith('broken')).length, 3);
  assert.match(reports[0].stoppedReason ?? '', /3 consecutive failed samples \(last: SIGSEGV\)/);
  assert.equal(reports[1].measured, 10);
});

test('a sample that throws is an internal error, not a crash of the run', async () => {
  const c: LoopCase = {
    id: 'x',
    warmups: 0,
    iterations: 2,
    async takeSample() {
      throw new Error('adapter bug');
    },
  };
  const errors: string[] = [];
  const bus = new RunEventBus();
  bus.on('sample-error', (e) => errors.push(`${e.error.kind}:${e.error.message}`));
  const [report] = await runLoop([c], { seed: 1 }, bus);
  assert.deepEqual(errors, ['internal:adapter bug', 'internal:adapter bug']);
  assert.equal(report.errors, 2);
});

test('abort stops between samples and marks unfinished cases interrupted', async () => {
  const controller = new AbortController();
  const log: string[] = [];
  const c = fakeCase('a', 0, 100, log, (n) => {
    if (n === 4) controller.abort();
    return { ok: true, metrics: { wallNs: n } };
  });
  const [report] = await runLoop([c], { seed: 1, signal: controller.signal }, new RunEventBus());
  assert.equal(report.measured, 5);
  assert.equal(report.stoppedReason, 'interrupted');
});

test('beforeSample runs (untimed) before every sample', async () => {
  let resets = 0;
  const log: string[] = [];
  const c = {
    ...fakeCase('a', 2, 3, log),
    beforeSample: async () => {
      resets++;
    },
  };
  await runLoop([c], { seed: 1 }, new RunEventBus());
  assert.equal(resets, 5);
});

test('afterSample runs after every sample, also after a failed one and a throwing beforeSample', async () => {
  const log: string[] = [];
  const c: LoopCase = {
    ...fakeCase('a', 1, 3, log, (n) =>
      n === 1
        ? { ok: false, error: { kind: 'exit', message: 'exit 1', stderrTail: '' } }
        : { ok: true, metrics: { wallNs: 1 } },
    ),
    beforeSample: async () => {
      log.push('before');
      if (log.filter((l) => l === 'before').length === 4) throw new Error('reset failed');
    },
    afterSample: async () => {
      log.push('after');
    },
  };
  const [report] = await runLoop([c], { seed: 1 }, new RunEventBus());
  assert.deepEqual(log, [
    'before',
    'a:warmup:0',
    'after',
    'before',
    'a:measure:0',
    'after',
    'before',
    'a:measure:1',
    'after',
    'before',
    'after',
  ]);
  assert.equal(report.measured, 1);
  assert.equal(report.errors, 2);
});
