// renderReports is a loop over registered reporters: a selection runs only those, an added one runs with the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReports } from '../../reports/render.ts';
import type { Reporter } from '../../reports/reporter.ts';
import { REPORTERS } from '../../reports/reporters.ts';

const FIXTURE = new URL('../fixtures/reports/results.json', import.meta.url);

test('the registry holds every format once, console first', () => {
  assert.deepEqual(
    REPORTERS.map((r) => r.id),
    ['console', 'samples-csv', 'parquet', 'summary-csv', 'markdown', 'hgrm', 'charts', 'html'],
  );
});

test('only the selected reporters run; a registered extra one gets the same results', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'wasmbench-reporters-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await copyFile(FIXTURE, join(dir, 'results.json'));
  const printed: string[] = [];
  const written = await renderReports(dir, { stdout: (text) => printed.push(text), only: ['console', 'summary-csv'] });
  assert.deepEqual(written, ['summary.csv']);
  assert.match(printed.join(''), /wallNs/);
  assert.deepEqual((await readdir(dir)).sort(), ['results.json', 'summary.csv']);

  const cases: Reporter = {
    id: 'case-count',
    description: 'a test format',
    async render(ctx) {
      await writeFile(join(ctx.outDir, 'cases.txt'), `${ctx.file.cases.length}\n`);
      return ['cases.txt'];
    },
  };
  const extra = await renderReports(dir, { reporters: [...REPORTERS, cases], only: ['case-count'] });
  assert.deepEqual(extra, ['cases.txt']);
});
