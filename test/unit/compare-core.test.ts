import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareResults } from '../../core/compare/compare.ts';
import { evaluateGate } from '../../core/compare/gate.ts';
import { resolveGate, thresholdsFor } from '../../core/compare/thresholds.ts';
import { EMPTY_ALLOW_LIST, findAllowance, allowListSchema } from '../../core/compare/allow-list.ts';
import { matchesPattern } from '../../core/compare/pattern.ts';
import { sampleArgv, splitCommand } from '../../core/ab/command.ts';
import { pairedMedianRatioCI } from '../../stats/compare.ts';
import { createRng } from '../../stats/random.ts';
import { capBytes, gateMarkdown } from '../../reports/compare-markdown.ts';
import { gateAnnotations } from '../../reports/compare-annotations.ts';
import { validateUserConfig } from '../../core/config/schema.ts';
import type { ResultsFile } from '../../core/results/model.ts';
import { makeResults, spread, type CaseSpec } from './compare-make.ts';

const load = (file: ResultsFile) => ({ path: `${file.runId}/results.json`, file });
const gateDefaults = resolveGate(undefined);
const TODAY = '2026-11-21';

function gateOf(base: CaseSpec[], head: CaseSpec[], env: { arch?: string } = {}) {
  const report = compareResults(load(makeResults('b', base, env)), load(makeResults('h', head, env)), {
    resamples: 1000,
  });
  return evaluateGate(report, gateDefaults, EMPTY_ALLOW_LIST, TODAY);
}

describe('compareResults', () => {
  it('pairs by case id and makes a row per headline metric, with case-level rows for the rest', () => {
    const report = compareResults(
      load(
        makeResults('b', [
          { id: 'startup/node/tiered/cold/noop', wallNs: [10, 11, 12], extra: { userNs: [1, 2, 3] } },
          { id: 'startup/node/tiered/cold/gone', wallNs: [10, 11, 12] },
          { id: 'startup/node/tiered/cold/skip', status: 'skipped', reason: 'not installed' },
          { id: 'startup/node/tiered/cold/zero', wallNs: [0, 1, 2] },
        ]),
      ),
      load(
        makeResults('h', [
          { id: 'startup/node/tiered/cold/noop', wallNs: [20, 22, 24] },
          { id: 'startup/node/tiered/cold/skip', status: 'skipped', reason: 'not installed' },
          { id: 'startup/node/tiered/cold/zero', wallNs: [0, 1, 2] },
          { id: 'startup/node/tiered/cold/new', wallNs: [1, 2, 3] },
        ]),
      ),
    );
    assert.deepEqual(
      report.rows.map((r) => [r.caseId, r.metric, r.status]),
      [
        ['startup/node/tiered/cold/noop', 'wallNs', 'compared'],
        ['startup/node/tiered/cold/gone', '', 'missing-in-head'],
        ['startup/node/tiered/cold/skip', '', 'skipped'],
        ['startup/node/tiered/cold/zero', 'wallNs', 'not-comparable'],
        ['startup/node/tiered/cold/new', '', 'new-in-head'],
      ],
    );
    assert.equal(report.rows[0].comparison!.ratio, 2);
    assert.equal(report.rows[0].comparison!.paired, false);
  });

  it('resamples by round for identical samples (a run against itself): CI is exactly [1, 1]', () => {
    const cases = [{ id: 'startup/node/tiered/cold/noop', wallNs: spread(1e6, 5, 0.3) }];
    const report = compareResults(load(makeResults('b', cases)), load(makeResults('b', cases)));
    assert.deepEqual(
      [report.rows[0].comparison!.lo, report.rows[0].comparison!.hi, report.rows[0].comparison!.paired],
      [1, 1, true],
    );
  });

  it('keys merged multi-architecture files by id@arch', () => {
    const base = makeResults('b', [{ id: 'startup/node/tiered/cold/noop', wallNs: [1, 2, 3] }]);
    base.cases.push({ ...base.cases[0], environment: { arch: 'arm64', cpuModel: 'Test CPU 3000' } });
    const report = compareResults(load(base), load(base));
    assert.deepEqual(
      report.rows.map((r) => r.key),
      ['startup/node/tiered/cold/noop@x64', 'startup/node/tiered/cold/noop@arm64'],
    );
  });
});

describe('evaluateGate exit codes', () => {
  const id = 'startup/node/tiered/cold/noop';
  it('0 when unchanged, 3 when 30% slower, and the error wins over a regression', () => {
    assert.equal(gateOf([{ id, wallNs: spread(1e6, 20) }], [{ id, wallNs: spread(1e6, 20) }]).exitCode, 0);
    const slow = gateOf([{ id, wallNs: spread(1e6, 20) }], [{ id, wallNs: spread(1.3e6, 20) }]);
    assert.equal(slow.exitCode, 3);
    assert.match(slow.headline, /^REGRESSION: startup\/node\/tiered\/cold\/noop wallNs confirmed slower/);
    const both = gateOf(
      [
        { id, wallNs: spread(1e6, 20) },
        { id: `${id}2`, wallNs: spread(1e6, 20) },
      ],
      [
        { id, wallNs: spread(1.3e6, 20) },
        { id: `${id}2`, wallNs: spread(3e6, 20), status: 'errored', reason: 'trap' },
      ],
    );
    assert.equal(both.exitCode, 1);
    assert.deepEqual(
      both.rows.map((r) => r.verdict),
      ['regressed', 'error'],
    );
  });

  it('4 when too few samples to decide', () => {
    const r = gateOf([{ id, wallNs: [1, 2, 3] }], [{ id, wallNs: [4, 5, 6] }]);
    assert.equal(r.exitCode, 4);
  });

  it('an allow-listed regression passes; expired entries are reported', () => {
    const report = compareResults(
      load(makeResults('b', [{ id, wallNs: spread(1e6, 20) }])),
      load(makeResults('h', [{ id, wallNs: spread(1.3e6, 20) }])),
      { resamples: 500 },
    );
    const list = { path: 'x', entries: [{ case: 'startup/node/*', reason: 'accepted', expires: '2026-11-21' }] };
    const ok = evaluateGate(report, gateDefaults, list, TODAY);
    assert.equal(ok.exitCode, 0);
    assert.equal(ok.rows[0].allowed?.reason, 'accepted');
    const late = evaluateGate(report, gateDefaults, list, '2026-11-22');
    assert.equal(late.exitCode, 3);
    assert.equal(late.expired.length, 1);
  });
});

describe('thresholds, patterns, allow-list schema, config', () => {
  it('applies overrides in order, later wins', () => {
    const gate = resolveGate({
      failPct: 20,
      overrides: [
        { suite: 'startup', warnPct: 8 },
        { case: 'startup/native/*', metric: 'wallNs', noisePct: 5, warnPct: 30, failPct: 50 },
      ],
    });
    assert.deepEqual(thresholdsFor(gate, { suite: 'startup', caseId: 'startup/node/x', metric: 'wallNs' }), {
      noise: 0.02,
      warn: 0.08,
      fail: 0.2,
    });
    assert.deepEqual(thresholdsFor(gate, { suite: 'startup', caseId: 'startup/native/y', metric: 'wallNs' }), {
      noise: 0.05,
      warn: 0.3,
      fail: 0.5,
    });
    assert.deepEqual(resolveGate({ failPct: 20 }, { failPct: 12 }).base, { noise: 0.02, warn: 0.05, fail: 0.12 });
    assert.throws(() => resolveGate({ noisePct: 30 }), /noise <= warn <= fail/);
  });

  it('matches * patterns literally otherwise', () => {
    assert.ok(matchesPattern('startup/*/cold/*', 'startup/node/tiered/cold/noop')); // * spans slashes
    assert.ok(!matchesPattern('startup/*/warm/*', 'startup/node/tiered/cold/noop'));
    assert.ok(matchesPattern('startup/*/cold/noop', 'startup/node/tiered/cold/noop'));
    assert.ok(matchesPattern('a.b', 'a.b') && !matchesPattern('a.b', 'axb'));
  });

  it('validates allow-list entries and the gate config section', () => {
    assert.equal(
      allowListSchema.safeParse({ allow: [{ case: 'x', reason: 'why not', expires: '2027-01-01' }] }).success,
      true,
    );
    assert.equal(
      allowListSchema.safeParse({ allow: [{ case: 'x', reason: 'why not', expires: '01/01/2027' }] }).success,
      false,
    );
    assert.equal(
      findAllowance(
        { path: null, entries: [{ case: 'x', metric: 'userNs', reason: 'r', expires: '2999-01-01' }] },
        'x',
        'wallNs',
        TODAY,
      ),
      null,
    );
    assert.deepEqual(
      validateUserConfig({ gate: { failPct: 15, overrides: [{ case: 'startup/*', failPct: 30 }] } }, 'test').gate,
      { failPct: 15, overrides: [{ case: 'startup/*', failPct: 30 }] },
    );
    assert.throws(() => validateUserConfig({ gate: { fail: 0.1 } }, 'test'), /unknown key/);
  });
});

describe('renderers', () => {
  const id = 'startup/node/tiered/cold/noop';
  it('puts the verdict first, folds unchanged rows and stays small', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ id: `${id}${i}`, wallNs: spread(1e6, 6) }));
    const report = gateOf([...many, { id, wallNs: spread(1e6, 20) }], [...many, { id, wallNs: spread(1.3e6, 20) }]);
    const md = gateMarkdown(report);
    assert.match(md.split('\n')[0], /^### :x: wasmbench gate: REGRESSION/);
    assert.match(md, /<details><summary>400 unchanged or skipped row\(s\)<\/summary>/);
    assert.match(md, /200 more row\(s\) left out/);
    assert.ok(Buffer.byteLength(md) < 256 * 1024);
    assert.equal(Buffer.byteLength(capBytes('x\n'.repeat(10_000), 1000)) <= 1000, true);
  });

  it('escapes workflow-command annotations', () => {
    const report = gateOf([{ id, wallNs: spread(1e6, 20) }], [{ id, wallNs: spread(1.3e6, 20) }]);
    const [line] = gateAnnotations(report);
    assert.match(
      line,
      /^::error title=wasmbench regressed%3A startup\/node\/tiered\/cold\/noop wallNs::slower by \+30\.0%25 \(CI \+\d+\.\d%25 \.\. \+\d+\.\d%25\): beyond the 10%25 fail threshold$/,
    );
  });
});

describe('A/B helpers', () => {
  it('splits commands without a shell and places the module', () => {
    assert.deepEqual(splitCommand(`/opt/wt run --dir "a b"`, 'base'), ['/opt/wt', 'run', '--dir', 'a b']);
    assert.deepEqual(sampleArgv(['wt', 'run'], '/m.wasm', ['1']), ['wt', 'run', '/m.wasm', '1']);
    assert.deepEqual(sampleArgv(['node', 'host.mjs', '{wasm}', '--x'], '/m.wasm', ['1']), [
      'node',
      'host.mjs',
      '/m.wasm',
      '--x',
      '1',
    ]);
    assert.throws(() => splitCommand('  ', 'head'), /empty/);
  });

  it('paired bootstrap: a constant per-round factor gives an exact interval', () => {
    const ci = pairedMedianRatioCI([100, 250, 300, 120], [200, 500, 600, 240], {
      resamples: 500,
      confidence: 0.95,
      rng: createRng(3),
    });
    assert.deepEqual(ci, { ratio: 2, lo: 2, hi: 2 });
    assert.throws(
      () => pairedMedianRatioCI([1, 2], [1], { resamples: 10, confidence: 0.95, rng: createRng(1) }),
      /equal/,
    );
  });
});
