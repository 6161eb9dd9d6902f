/**
 * report.html in a real browser: headless Chromium (Debian package
 * `chromium`) loads it from file:// with no console error, no network
 * request, and draws every chart. Skipped when Chromium is not installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderReports } from '../../reports/render.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const FIXTURE = new URL('../fixtures/reports/results.json', import.meta.url);

test('report.html loads from file:// in headless Chromium with every chart drawn', { timeout: 120_000 }, async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.skip(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'wasmbench-html-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await copyFile(FIXTURE, join(dir, 'results.json'));
  await renderReports(dir, { skipImages: true });

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  const remote: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    else if (m.type() === 'warning') t.diagnostic(`console warning: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) remote.push(r.url());
  });

  await page.goto(pathToFileURL(join(dir, 'report.html')).href);
  await page.waitForSelector('body[data-charts-rendered="true"]', { timeout: 60_000 });
  const charts = await page.$$eval('.chart', (els) =>
    els.map((el) => {
      const svg = el.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      return {
        name: el.getAttribute('data-chart'),
        state: el.getAttribute('data-rendered'),
        width: box?.width ?? 0,
        height: box?.height ?? 0,
        marks: el.querySelectorAll(
          'svg g.mark-symbol path, svg g.mark-line path, svg g.mark-rect path, svg g.mark-rule line',
        ).length,
      };
    }),
  );

  assert.deepEqual(errors, [], 'no console errors');
  assert.deepEqual(remote, [], 'no network requests');
  assert.equal(charts.length, 8);
  for (const c of charts) {
    assert.equal(c.state, 'true', `${c.name} rendered`);
    assert.ok(c.width > 200 && c.height > 100, `${c.name} has a visible size (${c.width}x${c.height})`);
    assert.ok(c.marks > 0, `${c.name} drew marks`);
  }
});
