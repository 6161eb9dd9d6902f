/** The gate, compare and merge commands end to end on synthetic results files (real CLI processes). */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ResultsFile } from '../../core/results/model.ts';
import { gateCommand } from '../../cli/commands/gate.ts';
import { compareCommand } from '../../cli/commands/compare.ts';
import { mergeCommand } from '../../cli/commands/merge.ts';
import { formatError, WasmbenchError } from '../../core/errors.ts';
import { makeResults, spread, writeResults, type CaseSpec } from '../unit/compare-make.ts';

const BIN = resolve(import.meta.dirname, '../../bin/wasmbench.mjs');
let tmp: string;

/** The real binary, as CI runs it (exit code through process.exitCode). */
function spawnCli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The same commands in-process with captured output (each test file runs in
 * its own process, so chdir and env are ours); errors map to exit codes as
 * in cli/main.ts.
 */
async function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, { GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '', ...env });
  process.chdir(tmp);
  const out = { stdout: '', stderr: '' };
  const io = {
    out: (t: string) => {
      out.stdout += t;
    },
    err: (t: string) => {
      out.stderr += t;
    },
  };
  const [command, ...rest] = args;
  const positional = rest.filter(
    (a, i) => !a.startsWith('--') && !(i > 0 && rest[i - 1].startsWith('--') && VALUED.has(rest[i - 1])),
  );
  const flags: Record<string, unknown> = {};
  rest.forEach((a, i) => {
    if (!a.startsWith('--')) return;
    const key = a.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (a.startsWith('--no-')) flags[key.slice(2, 3).toLowerCase() + key.slice(3)] = false;
    else flags[key] = VALUED.has(a) ? rest[i + 1] : true;
  });
  try {
    const code =
      command === 'gate'
        ? await gateCommand(positional[0], positional[1], flags, io)
        : command === 'compare'
          ? await compareCommand(positional[0], positional[1], flags, io)
          : await mergeCommand(positional, flags, io);
    return { code, ...out };
  } catch (err) {
    return {
      code: err instanceof WasmbenchError ? err.exitCode : 1,
      stdout: out.stdout,
      stderr: out.stderr + formatError(err),
    };
  } finally {
    process.env = saved;
  }
}

const VALUED = new Set([
  '--allow-list',
  '--summary',
  '--out',
  '--noise-pct',
  '--warn-pct',
  '--fail-pct',
  '--metric',
  '--seed',
  '--config',
]);

const CASES: CaseSpec[] = [
  { id: 'startup/node/tiered/cold/noop', wallNs: spread(40_000_000, 20) },
  { id: 'startup/node/baseline/cold/hello', wallNs: spread(42_000_000, 20) },
  { id: 'startup/native/aot/precompiled/noop', wallNs: spread(900_000, 20, 0.06) },
];

/** Every ns sample times `factor`, as if head were uniformly slower. */
function scaled(file: ResultsFile, factor: number, runId: string): ResultsFile {
  const copy = structuredClone(file);
  copy.runId = runId;
  for (const c of copy.cases)
    for (const m of Object.values(c.metrics))
      if (m.unit === 'ns') m.samples = m.samples.map((v) => Math.round(v * factor));
  return copy;
}

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'wasmbench-gate-'));
  writeResults(join(tmp, 'base'), makeResults('base-run', CASES));
  writeResults(join(tmp, 'slow'), scaled(makeResults('base-run', CASES), 1.3, 'slow-run'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('wasmbench gate', async () => {
  it('passes a results dir gated against itself (exit 0)', async () => {
    const r = spawnCli(['gate', 'base', 'base']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /^PASS: no confirmed regression/);
  });

  it('exits 3 and names every case when all ns samples are 30% slower', async () => {
    const r = spawnCli(['gate', 'base', 'slow']);
    assert.equal(r.code, 3, r.stderr + r.stdout);
    assert.match(r.stdout, /^REGRESSION: /);
    for (const c of CASES) assert.match(r.stdout, new RegExp(`${c.id}\\s+wallNs.*regressed`));
    assert.match(r.stderr, /exit 3/);
  });

  it('exits 1 (never 3) for a corrupt head, 2 for a missing one', async () => {
    mkdirSync(join(tmp, 'corrupt'), { recursive: true });
    writeFileSync(
      join(tmp, 'corrupt', 'results.json'),
      readFileSync(join(tmp, 'slow', 'results.json'), 'utf8').slice(0, 500),
    );
    assert.equal((await cli(['gate', 'base', 'corrupt'])).code, 1);
    const bad = scaled(makeResults('bad', CASES), 1.3, 'bad');
    (bad.cases[0].metrics.wallNs.samples as unknown[])[3] = 'fast';
    writeResults(join(tmp, 'bad-sample'), bad);
    const r = await cli(['gate', 'base', 'bad-sample']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /is corrupt: case "startup\/node\/tiered\/cold\/noop" metric "wallNs" sample 3/);
    assert.equal((await cli(['gate', 'base', 'nowhere'])).code, 2);
  });

  it('reports a crashed or missing case as an error (exit 1), not a regression', async () => {
    const head = scaled(makeResults('h', CASES), 1.3, 'crashed');
    head.cases[0].status = 'errored';
    head.cases[0].reason = 'exited with code 134';
    head.cases.pop();
    writeResults(join(tmp, 'crashed'), head);
    const r = await cli(['gate', 'base', 'crashed']);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /startup\/node\/tiered\/cold\/noop\s+.*error\s+errored \(head: exited with code 134\)/);
    assert.match(r.stdout, /startup\/native\/aot\/precompiled\/noop.*error.*in base but not in head/);
  });

  it('lets the allow-list accept a regression until it expires', async () => {
    const list = {
      allow: [{ case: 'startup/*', metric: 'wallNs', reason: 'accepted in test', expires: '2999-01-01' }],
    };
    writeFileSync(join(tmp, 'allow.json'), JSON.stringify(list));
    const r = await cli(['gate', 'base', 'slow', '--allow-list', 'allow.json']);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /regressed \(allowed\)/);
    writeFileSync(join(tmp, 'expired.json'), JSON.stringify({ allow: [{ ...list.allow[0], expires: '2001-01-01' }] }));
    const expired = await cli(['gate', 'base', 'slow', '--allow-list', 'expired.json']);
    assert.equal(expired.code, 3);
    assert.match(expired.stdout, /expired on 2001-01-01/);
    writeFileSync(join(tmp, 'invalid.json'), JSON.stringify({ allow: [{ case: 'x' }] }));
    assert.equal((await cli(['gate', 'base', 'slow', '--allow-list', 'invalid.json'])).code, 2);
  });

  it('writes the step summary (verdict first, unchanged rows folded) and annotations', async () => {
    const summary = join(tmp, 'summary.md');
    const r = await cli(['gate', 'base', 'slow'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    assert.equal(r.code, 3);
    const md = readFileSync(summary, 'utf8');
    assert.match(md.split('\n')[0], /^### :x: wasmbench gate: REGRESSION: /);
    assert.ok(Buffer.byteLength(md) < 1024 * 1024);
    assert.match(
      r.stdout,
      /^::error title=wasmbench regressed%3A startup\/node\/tiered\/cold\/noop wallNs::slower by \+30\.0%/m,
    );
    const same = join(tmp, 'same.md');
    await cli(['gate', 'base', 'base', '--summary', same]);
    assert.match(readFileSync(same, 'utf8'), /<details><summary>3 unchanged or skipped row\(s\)<\/summary>/);
  });

  it('refuses cases from different CPU models unless --allow-cross-machine', async () => {
    writeResults(join(tmp, 'other-cpu'), makeResults('o', CASES, { cpuModel: 'Other CPU 9000' }));
    const r = await cli(['gate', 'base', 'other-cpu']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /different machines.*--allow-cross-machine/s);
    assert.equal((await cli(['gate', 'base', 'other-cpu', '--allow-cross-machine'])).code, 0);
  });

  it('rejects inconsistent thresholds with exit 2', async () => {
    assert.equal((await cli(['gate', 'base', 'base', '--noise-pct', '20'])).code, 2);
  });
});

describe('wasmbench compare', async () => {
  it('prints ratio, CI and verdict per case; --json is deterministic', async () => {
    const r = await cli(['compare', 'base', 'slow']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /startup\/node\/tiered\/cold\/noop\s+wallNs\s+40\.\d+ ms\s+52\.\d+ ms\s+1\.300x\s+1\.\d+x\.\.1\.\d+x\s+slower/,
    );
    const a = JSON.parse((await cli(['compare', 'base', 'slow', '--json'])).stdout);
    const b = JSON.parse((await cli(['compare', 'base', 'slow', '--json'])).stdout);
    assert.deepEqual(a, b);
    assert.equal(a.rows.length, 3);
    const c0 = a.rows[0].comparison;
    assert.equal(c0.ratio, c0.headMedian / c0.baseMedian);
    assert.ok(Math.abs(c0.ratio - 1.3) < 1e-6);
  });
});

describe('wasmbench merge', async () => {
  it('keeps every case of both runs with its environment, and the gate compares per architecture', async () => {
    writeResults(join(tmp, 'arm-base'), makeResults('arm-base', CASES, { arch: 'arm64', cpuModel: 'Neoverse-N1' }));
    writeResults(
      join(tmp, 'arm-slow'),
      scaled(makeResults('arm', CASES, { arch: 'arm64', cpuModel: 'Neoverse-N1' }), 1.3, 'arm-slow'),
    );
    assert.equal((await cli(['merge', 'base', 'arm-base', '--out', 'merged-base', '--no-report'])).code, 0);
    assert.equal((await cli(['merge', 'base', 'arm-slow', '--out', 'merged-head', '--no-report'])).code, 0);
    const merged = JSON.parse(readFileSync(join(tmp, 'merged-base', 'results.json'), 'utf8')) as ResultsFile;
    assert.equal(merged.cases.length, 6);
    assert.deepEqual(merged.cases.map((c) => `${c.runId} ${c.environment?.arch}`).sort(), [
      'arm-base arm64',
      'arm-base arm64',
      'arm-base arm64',
      'base-run x64',
      'base-run x64',
      'base-run x64',
    ]);
    const r = await cli(['gate', 'merged-base', 'merged-head']);
    assert.equal(r.code, 3, r.stdout);
    assert.match(r.stdout, /startup\/node\/tiered\/cold\/noop@arm64\s+wallNs.*regressed/);
    assert.match(r.stdout, /startup\/node\/tiered\/cold\/noop@x64\s+wallNs.*pass/);
    assert.equal((await cli(['merge', 'base', 'base', '--out', 'twice'])).code, 2);
  });
});
