import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ResultsFile } from '../../core/results/model.ts';
import { samplesCsv, summaryCsv } from '../../reports/csv.ts';
import { hgrmFiles, safeFileStem } from '../../reports/hgrm.ts';
import { summaryMarkdown } from '../../reports/summary-md.ts';
import { runCommandOf } from '../../reports/html/problems.ts';
import { jsonForScript, scriptForInline, shellCommand } from '../../reports/html/escape.ts';

const FIXTURE = new URL('../fixtures/reports/results.json', import.meta.url);
const load = (): ResultsFile => JSON.parse(readFileSync(FIXTURE, 'utf8'));

test('samples.csv: long format with the documented columns first, one row per sample', () => {
  const file = load();
  const lines = samplesCsv(file).trimEnd().split('\n');
  assert.deepEqual(lines[0].split(',').slice(0, 9), [
    'suite',
    'runtime',
    'mode',
    'cacheState',
    'fixture',
    'metric',
    'unit',
    'index',
    'value',
  ]);
  const total = file.cases.reduce((n, c) => n + Object.values(c.metrics).reduce((m, x) => m + x.samples.length, 0), 0);
  assert.equal(lines.length - 1, total);
  assert.match(
    lines[1],
    /^startup,node,tiered,cold,noop,wallNs,ns,0,\d+,liftoff\+turbofan,startup\/node\/tiered\/cold\/noop,x64$/,
  );
});

test('summary.csv: one row per case and metric with median, p90, p99, MAD, CI and errors', () => {
  const [header, ...rows] = summaryCsv(load()).trimEnd().split('\n');
  for (const col of [
    'suite',
    'runtime',
    'mode',
    'cacheState',
    'fixture',
    'metric',
    'unit',
    'n',
    'median',
    'p90',
    'p99',
    'mad',
    'ci95Low',
    'ci95High',
    'errors',
  ]) {
    assert.ok(header.split(',').includes(col), col);
  }
  assert.ok(rows.length > 20);
});

test('hgrm: one file per histogram metric, negative offsets stated in a comment', () => {
  const file = load();
  const files = hgrmFiles(file);
  const expected = file.cases.reduce((n, c) => n + Object.values(c.metrics).filter((m) => m.histogram).length, 0);
  assert.equal(files.length, expected);
  assert.equal(new Set(files.map((f) => f.name)).size, files.length, 'names are unique');
  const sleep = files.find((f) => f.caseId === 'sleep-jitter/node/tiered/cold/sleep')!;
  assert.match(sleep.text, /^# wasmbench .* values in ns\n# wasmbench: offset = -\d+ ns/);
  assert.match(sleep.text, /Value\s+Percentile\s+TotalCount\s+1\/\(1-Percentile\)/);
  assert.equal(safeFileStem('startup/node/tiered/cold/hello'), 'startup_node_tiered_cold_hello');
});

test('summary.md: headline tables, errors and skips with reasons, no links', () => {
  const md = summaryMarkdown(load(), 'results/run-1');
  assert.match(md, /^## wasmbench 20261121-120000-fixt/);
  assert.match(
    md,
    /### startup: wall time, spawn to exit\n\nCold start as a ratio of medians to the native build \(× native\), same fixture\.\n\n\| case \| median \| × native \| p90 \| p99 \| MAD \| n \| status \|/,
  );
  assert.match(md, /\| native aot \(cc -O2\) · precompiled · noop \| [^|]+ \| 1× \|/);
  assert.match(md, /### sleep-jitter: overshoot/);
  assert.match(md, /### throughput/);
  assert.match(md, /### Errored \(1\)\n\n- \*\*wasmtime baseline \(winch\) · cold · fib\*\*: 5 of 5 samples failed/);
  assert.match(md, /### Skipped \(1\)\n\n- wasmer \(all modes\): `skipped: not installed/);
  assert.match(md, /wasmtime fib: optimizing beats interpreter from 3 iterations/);
  assert.match(md, /`report.html`.*`results\/run-1`/);
  assert.doesNotMatch(md, /\]\(/, 'no Markdown links');
  for (const line of md.split('\n').filter((l) => l.includes('://')))
    assert.match(line, /`[^`]*:\/\/[^`]*`/, `URL in a code span: ${line}`);
  assert.ok(Buffer.byteLength(md) < 64 * 1024);
});

test('the reproduce command comes from the resolved config', () => {
  const file = load();
  assert.deepEqual(runCommandOf(file), [
    'npx',
    'wasmbench',
    'run',
    '--suite',
    'startup,sleep-jitter,throughput',
    '--runtime',
    'node,native,wasmtime,wasmer',
    '--profile',
    'quick',
    '--iterations',
    '12',
    '--warmups',
    '1',
    '--seed',
    '42',
  ]);
  assert.equal(shellCommand(['/usr/bin/node', '--flag', "it's", 'a b']), `/usr/bin/node --flag 'it'\\''s' 'a b'`);
});

test('inlined JSON and scripts cannot close their <script> element', () => {
  assert.ok(!jsonForScript({ a: '</script><script>alert(1)</script>' }).includes('</'));
  assert.ok(!/<\/script/i.test(scriptForInline('var s = "</SCRIPT>"; // <!-- x')));
});

test('summary.md: cold start as a ratio to native and to the container, per fixture', () => {
  const file = load();
  const native = file.cases.find((c) => c.suite === 'startup' && c.runtime === 'native' && c.fixture === 'noop')!;
  const node = file.cases.find(
    (c) => c.suite === 'startup' && c.runtime === 'node' && c.fixture === 'noop' && c.mode === 'tiered',
  )!;
  const nativeMedian = native.metrics.wallNs.summary!.median;
  const wall = {
    ...native.metrics.wallNs,
    samples: native.metrics.wallNs.samples.map((v) => v * 25),
    summary: { ...native.metrics.wallNs.summary!, median: nativeMedian * 25 },
  };
  file.cases.push({
    ...native,
    id: 'startup/container/aot/cold/noop',
    runtime: 'container',
    host: 'cli',
    modeName: 'runc',
    cacheState: 'cold',
    metrics: { ...native.metrics, wallNs: wall },
  });
  const md = summaryMarkdown(file, 'results/run-1');
  assert.match(md, /\| case \| median \| × native \| × container \| p90/);
  assert.match(md, /\| container aot \(runc\) · cold · noop \| [^|]+ \| 25× \| 1× \|/);
  const nodeToContainer = node.metrics.wallNs.summary!.median / (nativeMedian * 25);
  const row = md.split('\n').find((l) => l.startsWith('| node tiered (liftoff+turbofan) · cold · noop |'))!;
  assert.equal(row.split('|')[4].trim(), `${+nodeToContainer.toPrecision(2)}×`);
  const fib = md.split('\n').find((l) => l.startsWith('| node tiered (liftoff+turbofan) · cold · fib |'))!;
  assert.equal(fib.split('|')[4].trim(), '–', 'no container case for fib: no ratio');
});

test('report.html names how each case was timed and the helper build (issue 14)', async () => {
  const { reproduceSection, timingLabel } = await import('../../reports/html/problems.ts');
  const { timingOf } = await import('../../core/process/timer.ts');
  const base: ResultsFile['cases'][number] = {
    id: 'startup/native/aot/precompiled/noop',
    suite: 'startup',
    runtime: 'native',
    host: 'native',
    mode: 'aot',
    modeName: 'cc -O2',
    cacheState: 'precompiled',
    fixture: 'noop',
    params: {},
    status: 'ok',
    command: ['/bin/true'],
    flags: [],
    metrics: {},
    errors: [],
    warnings: [],
    warmups: 0,
  };
  const fields = timingOf({
    method: 'wait4-helper',
    helperMode: 'serve',
    helperBuildId: 'x64-0123456789ab',
    fallbackReason: null,
    run: async () => {
      throw new Error('unused');
    },
  });
  assert.deepEqual(fields, { timing: 'wait4-helper', timingMode: 'serve', helperBuildId: 'x64-0123456789ab' });
  assert.equal(
    timingLabel({ ...base, ...fields }),
    'wait4 helper, serve mode (one warm helper); build x64-0123456789ab',
  );
  assert.equal(
    timingLabel({ ...base, timing: 'wait4-helper', timingMode: 'per-sample', helperBuildId: 'x64-0123456789ab' }),
    'wait4 helper, a fresh helper per sample; build x64-0123456789ab',
  );
  assert.equal(
    timingLabel({
      ...base,
      ...timingOf({
        method: 'node-spawn',
        fallbackReason: 'no cc',
        run: async () => {
          throw new Error('unused');
        },
      }),
    }),
    "Node's spawn (no CPU/RSS)",
  );
  const html = reproduceSection({
    schemaVersion: 2,
    runId: 'r',
    startedAt: '',
    finishedAt: null,
    state: 'complete',
    tool: { name: 'wasmbench', version: '0' },
    seed: 1,
    config: {},
    environment: { arch: 'x64', cpuModel: 'test' },
    runtimes: [],
    analyses: [],
    cases: [{ ...base, ...fields }],
  });
  assert.match(html, /<th>timing<\/th>/);
  assert.match(html, /wait4 helper, serve mode \(one warm helper\); build x64-0123456789ab/);
});

test("report.html lists a case's notes (e.g. an expected stderr not checked on that runtime)", async () => {
  const { problemsSection } = await import('../../reports/html/problems.ts');
  const file = JSON.parse(readFileSync(FIXTURE, 'utf8')) as ResultsFile;
  assert.doesNotMatch(problemsSection(file), /<h3>Notes<\/h3>/);
  file.cases[0].notes = ['stderr not checked against /c/x.stderr.expected on wasmer: <why>'];
  assert.match(
    problemsSection(file),
    /<h3>Notes<\/h3><ul>\n<li><b>[^<]+<\/b>: stderr not checked against \/c\/x\.stderr\.expected on wasmer: &lt;why&gt;<\/li>/,
  );
});
