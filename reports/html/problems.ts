/** HTML sections for what went wrong (errored, skipped, warnings, case notes) and how to reproduce the run. */
import type { CaseResult, ResultsFile } from '../../core/results/model.ts';
import { caseLabeller } from '../report-data.ts';
import { escapeHtml as h, shellCommand } from './escape.ts';
import { table, td } from './sections.ts';

function errorDetails(c: CaseResult): string {
  if (!c.errors?.length) return '–';
  const first = c.errors[0];
  const kinds = [...new Set(c.errors.map((e) => e.kind))].join(', ');
  const tail = first.stderrTail
    ? `<details><summary>stderr tail of sample ${first.index}</summary><pre>${h(first.stderrTail)}</pre></details>`
    : '';
  return `${h(`${c.errors.length} failed sample(s) (${kinds}); first: ${first.message}`)}${tail}`;
}

export function problemsSection(file: ResultsFile): string {
  const caseLabel = caseLabeller(file);
  const bad = file.cases.filter((c) => c.status !== 'ok');
  const warned = file.cases.filter((c) => c.warnings?.length);
  const withErrors = file.cases.filter((c) => c.status === 'ok' && c.errors?.length);
  const parts = ['<section id="problems"><h2>Errored and skipped cases</h2>'];
  if (file.state !== 'complete')
    parts.push(
      `<p class="warn">This run is <b>${h(file.state)}</b>: it was cut short, so some cases may be missing or have fewer samples.</p>`,
    );
  parts.push(
    bad.length
      ? table(
          ['case', 'suite', 'status', 'reason', 'errors'],
          bad.map((c) => [
            td(caseLabel(c), 'case'),
            td(c.suite),
            `<td><span class="status ${c.status}">${h(c.status)}</span></td>`,
            td(c.reason ?? '–'),
            `<td>${errorDetails(c)}</td>`,
          ]),
        )
      : '<p>None: every case ran.</p>',
  );
  if (withErrors.length)
    parts.push(
      '<h3>Failed samples in cases that still completed</h3>',
      table(
        ['case', 'errors'],
        withErrors.map((c) => [td(caseLabel(c), 'case'), `<td>${errorDetails(c)}</td>`]),
      ),
    );
  if (warned.length)
    parts.push(
      '<h3>Warnings</h3><ul>',
      ...warned.flatMap((c) => c.warnings.map((w) => `<li><b>${h(caseLabel(c))}</b>: ${h(w)}</li>`)),
      '</ul>',
    );
  const noted = file.cases.filter((c) => c.notes?.length);
  if (noted.length)
    parts.push(
      '<h3>Notes</h3><ul>',
      ...noted.flatMap((c) => (c.notes ?? []).map((n) => `<li><b>${h(caseLabel(c))}</b>: ${h(n)}</li>`)),
      '</ul>',
    );
  parts.push('</section>');
  return parts.join('\n');
}

/** The `wasmbench run` invocation that reproduces the run's resolved config (same seed, same order). */
export function runCommandOf(file: ResultsFile): string[] | null {
  const cfg = file.config as Record<string, unknown> | null;
  if (!cfg || typeof cfg !== 'object') return null;
  const argv = ['npx', 'wasmbench', 'run'];
  const list = (flag: string, value: unknown) => {
    if (Array.isArray(value) && value.length) argv.push(flag, value.join(','));
  };
  const one = (flag: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number') argv.push(flag, String(value));
  };
  list('--suite', cfg.suites);
  list('--runtime', cfg.runtimes);
  list('--mode', cfg.modes);
  list('--cache-state', cfg.cacheStates);
  one('--profile', cfg.profile);
  one('--iterations', cfg.iterations);
  one('--warmups', cfg.warmups);
  list('--fixture', (cfg.startup as Record<string, unknown> | undefined)?.fixtures);
  one('--seed', cfg.seed ?? file.seed);
  if (typeof cfg.timing === 'string' && cfg.timing !== 'auto') argv.push('--timing', cfg.timing);
  if (typeof cfg.source === 'string') argv.push('--config', cfg.source);
  return argv;
}

/** How a case's samples were timed, in words, with the helper's build id. */
export function timingLabel(c: CaseResult): string {
  if (!c.timing) return '–';
  const mode =
    c.timingMode === 'serve'
      ? 'serve mode (one warm helper)'
      : c.timingMode === 'per-sample'
        ? 'a fresh helper per sample'
        : '';
  const name =
    c.timing === 'wait4-helper'
      ? `wait4 helper${mode ? `, ${mode}` : ''}`
      : c.timing === 'node-spawn'
        ? "Node's spawn (no CPU/RSS)"
        : c.timing;
  return c.helperBuildId ? `${name}; build ${c.helperBuildId}` : name;
}

export function reproduceSection(file: ResultsFile): string {
  const caseLabel = caseLabeller(file);
  const run = runCommandOf(file);
  const cases = file.cases.filter((c) => c.command?.length);
  const rows = cases.map((c) => [
    td(caseLabel(c), 'case'),
    `<td><code>${h(shellCommand(c.command))}</code></td>`,
    td(timingLabel(c)),
  ]);
  return [
    '<section id="reproduce"><h2>Reproduce</h2>',
    run
      ? `<p>The whole run (same config and shuffle seed; wasmbench ${h(file.tool?.version ?? '')}):</p><pre class="cmd">${h(shellCommand(run))}</pre>`
      : '',
    '<p>One sample of each case, exactly as it was spawned (no shell; argv[0] is an absolute path on the machine that ran it):</p>',
    "<p>Timing: how each case's samples were timed (the wait4 helper kept warm for the run, a fresh helper per sample, or Node's spawn without CPU and RSS) and the helper's build id (a hash of its C sources and the compiler version).</p>",
    cases.length ? table(['case', 'command', 'timing'], rows, 'commands') : '<p>No case recorded a command.</p>',
    '</section>',
  ].join('\n');
}
