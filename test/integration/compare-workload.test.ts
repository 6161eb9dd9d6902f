/**
 * compare / gate on user workloads: cases pair by workload name whatever
 * the module's path, and a different module (sha256) under one name is
 * refused (exit 2) unless --allow-changed-workload, which marks the rows.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ResultsFile } from '../../core/results/model.ts';
import { compareCommand } from '../../cli/commands/compare.ts';
import { gateCommand } from '../../cli/commands/gate.ts';
import { compareResults } from '../../core/compare/compare.ts';
import { evaluateGate } from '../../core/compare/gate.ts';
import { resolveGate } from '../../core/compare/thresholds.ts';
import { EMPTY_ALLOW_LIST } from '../../core/compare/allow-list.ts';
import { gateMarkdown } from '../../reports/compare-markdown.ts';
import { formatCompareTable, formatGateTable } from '../../reports/compare-table.ts';
import { makeResults, spread, writeResults } from '../unit/compare-make.ts';

const BIN = resolve(import.meta.dirname, '../../bin/wasmbench.mjs');
const SHA_V1 = `0123456789ab${'c'.repeat(52)}`;
const SHA_V2 = `ba9876543210${'d'.repeat(52)}`;
const IDS = ['startup/node/tiered/cold/app', 'startup/node/baseline/cold/app'];
let tmp = '';

/** A run of workload "app" from `path` with module hash `sha256`. */
function workloadRun(runId: string, path: string, sha256: string): ResultsFile {
  const file = makeResults(
    runId,
    IDS.map((id) => ({ id, wallNs: spread(20_000_000, 12) })),
  );
  for (const c of file.cases) {
    c.workload = {
      name: 'app',
      origin: 'module',
      wasmPath: path,
      wasmBytes: 1234,
      sha256,
      args: [],
      dirs: [],
      envNames: [],
      check: 'ignore',
      benchMarkers: false,
    };
  }
  return file;
}

const load = (file: ResultsFile) => ({ path: `${file.runId}/results.json`, file });

function spawnCli(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' },
  });
}

const quiet = { out: () => {}, err: () => {} };

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'wasmbench-compare-workload-'));
  writeResults(join(tmp, 'v1'), workloadRun('v1', 'build/v1/app.wasm', SHA_V1));
  writeResults(join(tmp, 'v1-moved'), workloadRun('v1-moved', '/elsewhere/app.wasm', SHA_V1));
  writeResults(join(tmp, 'v2'), workloadRun('v2', 'build/v2/app.wasm', SHA_V2));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('compare and gate: workloads are matched by name, and a changed module is refused', () => {
  it('same module by another path: every case pairs and is compared, nothing refused or marked', async () => {
    const report = compareResults(
      load(workloadRun('a', 'a/app.wasm', SHA_V1)),
      load(workloadRun('b', 'b/app.wasm', SHA_V1)),
    );
    assert.deepEqual(
      report.rows.map((r) => [r.caseId, r.status, r.changedWorkload]),
      IDS.map((id) => [id, 'compared', undefined]),
    );
    assert.equal(report.changedWorkloads, undefined);
    assert.equal(await gateCommand(join(tmp, 'v1'), join(tmp, 'v1-moved'), {}, quiet), 0);
  });

  it('a different sha256 under one name: exit 2 naming the workload, both short hashes, both paths and the fix', () => {
    const r = spawnCli(['gate', 'v1', 'v2']);
    assert.equal(r.status, 2, r.stderr + r.stdout);
    assert.equal(
      r.stderr.trim(),
      'error: the module changed between base and head for workload "app": base ran build/v1/app.wasm (sha256 0123456789ab), ' +
        'head ran build/v2/app.wasm (sha256 ba9876543210); a ratio between two different modules measures the module, not the runtime\n' +
        '  fix: pass --allow-changed-workload to compare anyway (its rows are marked), or give the new module another workload name',
    );
    const c = spawnCli(['compare', 'v1', 'v2']);
    assert.equal(c.status, 2);
    assert.match(c.stderr, /fix: pass --allow-changed-workload to compare anyway/);
  });

  it('--allow-changed-workload compares and marks the rows: console, JSON and Markdown', async () => {
    let out = '';
    const io = {
      out: (t: string) => {
        out += t;
      },
      err: () => {},
    };
    const code = await compareCommand(join(tmp, 'v1'), join(tmp, 'v2'), { allowChangedWorkload: true }, io);
    assert.equal(code, 0);
    assert.match(out, /startup\/node\/tiered\/cold\/app\s+wallNs .*no significant difference \(changed workload\)/);
    assert.match(
      out,
      /warning: the module changed for workload "app": base ran build\/v1\/app\.wasm \(sha256 0123456789ab\), head ran build\/v2\/app\.wasm \(sha256 ba9876543210\); compared with --allow-changed-workload, its rows are marked/,
    );
    out = '';
    await compareCommand(join(tmp, 'v1'), join(tmp, 'v2'), { allowChangedWorkload: true, json: true }, io);
    const json = JSON.parse(out);
    assert.deepEqual(json.rows[0].changedWorkload, {
      name: 'app',
      base: { sha256: SHA_V1, path: 'build/v1/app.wasm' },
      head: { sha256: SHA_V2, path: 'build/v2/app.wasm' },
    });

    const compared = compareResults(
      load(workloadRun('v1', 'build/v1/app.wasm', SHA_V1)),
      load(workloadRun('v2', 'build/v2/app.wasm', SHA_V2)),
      {
        allowChangedWorkload: true,
        resamples: 500,
      },
    );
    const gate = evaluateGate(compared, resolveGate(undefined), EMPTY_ALLOW_LIST, '2026-12-02');
    assert.equal(gate.exitCode, 0);
    assert.equal(gate.rows[0].verdict, 'pass');
    assert.match(
      gate.rows[0].why,
      /; changed workload: base sha256 0123456789ab \(build\/v1\/app\.wasm\), head sha256 ba9876543210 \(build\/v2\/app\.wasm\), compared with --allow-changed-workload$/,
    );
    assert.match(formatGateTable(gate), /pass \(changed workload\)/);
    const md = gateMarkdown(gate);
    assert.match(md, /pass \(changed workload\)/);
    assert.match(md, /> :warning: the module changed for workload "app": .*compared with --allow-changed-workload/);
    assert.doesNotMatch(
      formatCompareTable(
        compareResults(load(workloadRun('a', 'a/app.wasm', SHA_V1)), load(workloadRun('b', 'b/app.wasm', SHA_V1))),
      ),
      /changed/,
    );
  });

  it('gate --allow-changed-workload through the real binary: exit 0, rows marked, JSON file carries the mark', () => {
    const r = spawnCli(['gate', 'v1', 'v2', '--allow-changed-workload', '--json-out', 'gate.json']);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /pass \(changed workload\)/);
    const json = JSON.parse(readFileSync(join(tmp, 'gate.json'), 'utf8'));
    assert.equal(json.rows[0].changedWorkload.name, 'app');
    assert.deepEqual(json.compare.changedWorkloads, [
      'workload "app": base ran build/v1/app.wasm (sha256 0123456789ab), head ran build/v2/app.wasm (sha256 ba9876543210)',
    ]);
  });

  it('both commands list the flag in --help', () => {
    for (const command of ['compare', 'gate'])
      assert.match(spawnCli([command, '--help']).stdout, /--allow-changed-workload\s+compare a workload whose module/);
  });
});
