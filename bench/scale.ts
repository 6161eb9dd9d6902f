// Scale benchmark (issue 12): a valid results set with 10^6 and 10^7 latency
// samples, recorded THROUGH the results recorder (bench/scale-data.ts: the
// path `wasmbench run` takes, histograms and samples.parquet included), then
// `wasmbench report`, `merge`, `compare` and `gate` run as child processes
// (the path users take), each under /usr/bin/time -v for wall time and peak
// RSS. Targets: 10^6: report < 5 s and < 500 MB, compare/gate < 3 s;
// 10^7: report < 30 s and < 1 GB. A benchmark, not a test: it prints figures
// and exits 1 when a target is missed (machine load is printed with them).
//
// Under load, wall time includes waiting for a CPU: the CPU seconds (user +
// sys) are printed too, and a 10^3-sample set is timed in the same sitting
// as the fixed cost of starting wasmbench (tsx, imports) to compare against.
//
//   npx tsx bench/scale.ts [--sizes 1e3,1e6,1e7] [--cases 8] [--keep DIR]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { recordSyntheticRun } from './scale-data.ts';

const BIN = resolve(import.meta.dirname, '../bin/wasmbench.mjs');
const TARGETS: Record<string, Record<string, { seconds: number; rssMb?: number }>> = {
  '1000000': { report: { seconds: 5, rssMb: 500 }, compare: { seconds: 3 }, gate: { seconds: 3 } },
  '10000000': { report: { seconds: 30, rssMb: 1000 } },
};

interface Timed {
  command: string;
  exitCode: number;
  seconds: number;
  cpuSeconds: number;
  rssMb: number;
}

/** Run `wasmbench ARGS` under /usr/bin/time -v: its exit code, elapsed wall time and peak RSS. */
function timeWasmbench(command: string, args: string[]): Timed {
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, BIN, command, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const field = (name: string) => r.stderr.match(new RegExp(`${name}: (.+)`))?.[1]?.trim() ?? '';
  const [h, m, s] = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')
    .split(':')
    .map(Number)
    .reverse()
    .concat([0, 0])
    .slice(0, 3)
    .reverse();
  const exitCode = Number(field('Exit status'));
  if (Number.isNaN(exitCode))
    throw new Error(`/usr/bin/time gave no figures for ${command}: ${r.error?.message ?? r.stderr.slice(-500)}`);
  const cpuSeconds = Number(field('User time \\(seconds\\)')) + Number(field('System time \\(seconds\\)'));
  return {
    command,
    exitCode,
    seconds: h * 3600 + m * 60 + s,
    cpuSeconds,
    rssMb: Number(field('Maximum resident set size \\(kbytes\\)')) / 1024,
  };
}

const mb = (path: string) => (statSync(path).size / 1e6).toFixed(2);

async function one(samples: number, cases: number, root: string): Promise<boolean> {
  // Two latency metrics per case (latencyNs, serviceLatencyNs): `samples` values in all per run.
  const perCase = Math.round(samples / cases / 2);
  const started = performance.now();
  const base = join(root, `base-${samples}`);
  const head = join(root, `head-${samples}`);
  await recordSyntheticRun({ outDir: base, runId: `base-${samples}`, latenciesPerCase: perCase, cases, seed: 1 });
  // Head: case 0 is 15% slower, so gate has a regression to find (exit 3) and still reads every row.
  await recordSyntheticRun({
    outDir: head,
    runId: `head-${samples}`,
    latenciesPerCase: perCase,
    cases,
    seed: 2,
    slowdown: (i) => (i === 0 ? 1.15 : 1),
  });
  console.log(
    `\n${samples.toExponential(0)} latency samples per run (${cases} cases x 2 metrics x ${perCase}), recorded through the recorder in ${((performance.now() - started) / 1000).toFixed(1)} s for both runs`,
  );
  console.log(
    `  results.json ${mb(join(base, 'results.json'))} MB, samples.parquet ${mb(join(base, 'samples.parquet'))} MB, samples.jsonl (crash log) ${mb(join(base, 'samples.jsonl'))} MB`,
  );
  const runs = [
    timeWasmbench('report', [base]),
    timeWasmbench('merge', [base, head, '--out', join(root, `merged-${samples}`)]),
    timeWasmbench('compare', [base, head, '--metric', 'latencyNs']),
    timeWasmbench('gate', [base, head, '--metric', 'latencyNs']),
  ];
  let ok = true;
  for (const r of runs) {
    const target = TARGETS[String(samples)]?.[r.command];
    const miss = target && (r.seconds > target.seconds || (target.rssMb !== undefined && r.rssMb > target.rssMb));
    const expectedExit = r.command === 'gate' ? 3 : 0;
    if (miss || r.exitCode !== expectedExit) ok = false;
    const goal = target
      ? `target < ${target.seconds} s${target.rssMb ? `, < ${target.rssMb} MB` : ''}${miss ? ': MISSED' : ''}`
      : 'no target';
    console.log(
      `  ${r.command.padEnd(8)} ${r.seconds.toFixed(2).padStart(7)} s wall ${r.cpuSeconds.toFixed(2).padStart(6)} s CPU  ${r.rssMb.toFixed(0).padStart(5)} MB peak RSS  exit ${r.exitCode}${r.exitCode !== expectedExit ? ` (expected ${expectedExit})` : ''}  (${goal})`,
    );
  }
  return ok;
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1e3,1e6,1e7' },
    cases: { type: 'string', default: '8' },
    keep: { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const root = values.keep ? resolve(values.keep) : mkdtempSync(join(tmpdir(), 'wasmbench-scale-'));
console.log(
  `wasmbench scale benchmark, ${new Date().toISOString()}, ${availableParallelism()} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
let allOk = true;
for (const size of sizes) allOk = (await one(size, Number(values.cases), root)) && allOk;
console.log(
  `\nload average after: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}${values.keep ? `; data kept in ${root}` : ''}`,
);
if (!values.keep) rmSync(root, { recursive: true, force: true });
process.exitCode = allOk ? 0 : 1;
