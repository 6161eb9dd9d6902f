import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReports } from '../../reports/render.ts';

const FIXTURE = new URL('../fixtures/reports/results.json', import.meta.url);

async function resultsDir(mutate?: (file: Record<string, any>) => void): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wasmbench-reports-'));
  if (mutate) {
    const file = JSON.parse(await readFile(FIXTURE, 'utf8'));
    mutate(file);
    await writeFile(join(dir, 'results.json'), JSON.stringify(file));
  } else {
    await copyFile(FIXTURE, join(dir, 'results.json'));
  }
  return dir;
}

test('renderReports writes every output from results.json alone', async (t) => {
  const dir = await resultsDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  const warnings: string[] = [];
  const written = await renderReports(dir, { onWarning: (m) => warnings.push(m) });
  assert.deepEqual(warnings, []);
  for (const name of ['samples.csv', 'summary.csv', 'summary.md', 'report.html'])
    assert.ok(written.includes(name), name);

  const charts = await readdir(join(dir, 'charts'));
  const stems = [...new Set(charts.map((n) => n.replace(/\.(vl\.json|svg|png)$/, '')))];
  assert.equal(stems.length, 8);
  for (const stem of stems) {
    for (const ext of ['vl.json', 'svg', 'png']) assert.ok(charts.includes(`${stem}.${ext}`), `${stem}.${ext}`);
    const svg = await readFile(join(dir, 'charts', `${stem}.svg`), 'utf8');
    assert.match(svg, /^<svg [^>]*width="\d+" height="\d+"/);
    const png = await readFile(join(dir, 'charts', `${stem}.png`));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(png.length > 5000, `${stem}.png is not empty`);
    const spec = JSON.parse(await readFile(join(dir, 'charts', `${stem}.vl.json`), 'utf8'));
    assert.ok(Array.isArray(spec.data.values));
  }

  const hgrms = await readdir(join(dir, 'histograms'));
  assert.equal(hgrms.length, 23);
  assert.ok(hgrms.every((n) => n.endsWith('.hgrm')));

  const html = await readFile(join(dir, 'report.html'), 'utf8');
  assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=["']?https?:/i, 'no remote resources');
  assert.match(html, /vega-embed\.min\.js/);
  assert.equal((html.match(/class="chart"/g) ?? []).length, 8);
  for (const text of [
    'Environment',
    'Runtimes',
    'Reproduce',
    'Errored and skipped',
    'Crossover points',
    'not installed',
    'exited with code 134',
    'Example CPU',
    '--liftoff-only',
  ]) {
    assert.ok(html.includes(text), text);
  }
});

test('re-rendering removes charts a suite no longer has', async (t) => {
  const dir = await resultsDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await renderReports(dir, { skipImages: true });
  const file = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'));
  file.cases = file.cases.filter((c: { suite: string }) => c.suite !== 'throughput');
  await writeFile(join(dir, 'results.json'), JSON.stringify(file));
  await renderReports(dir, { skipImages: true });
  const charts = await readdir(join(dir, 'charts'));
  assert.ok(!charts.some((n) => n.startsWith('throughput-')));
  assert.ok(charts.includes('startup-wall.vl.json'));
});

test('a run with only skipped cases still gets tables and a report, and no charts', async (t) => {
  const dir = await resultsDir((file) => {
    file.cases = file.cases.filter((c: { status: string }) => c.status === 'skipped');
    file.analyses = [];
  });
  t.after(() => rm(dir, { recursive: true, force: true }));
  const written = await renderReports(dir);
  assert.ok(written.includes('report.html') && written.includes('summary.md'));
  assert.deepEqual(await readdir(join(dir, 'charts')), []);
  const md = await readFile(join(dir, 'summary.md'), 'utf8');
  assert.match(md, /Skipped \(1\)/);
});

test('an older schemaVersion is refused with a message naming the version and the fix', async (t) => {
  const dir = await resultsDir((file) => {
    file.schemaVersion = 0;
  });
  t.after(() => rm(dir, { recursive: true, force: true }));
  await assert.rejects(renderReports(dir), (err: Error & { hint?: string }) => {
    assert.match(err.message, /schemaVersion 0; this wasmbench reads version 1, 2/);
    return true;
  });
});

test('a missing results file is a usage error naming the path', async () => {
  await assert.rejects(
    renderReports('/nonexistent/wasmbench-results'),
    /no such results file or directory: \/nonexistent/,
  );
});
