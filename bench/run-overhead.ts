// Harness overhead measured through `wasmbench run` itself, the path users
// take: the median `wallNs` a run records for the native no-op, over
// `hyperfine -N`'s median on the exact argv the run recorded. Blocks
// alternate (run, hyperfine, then hyperfine, run, ...) in one sitting so drift
// and other users' load hit both alike.
//   (a) alone: `run --runtime native --fixture noop`      target <= 1.10
//   (b) mixed: `run --runtime node,native --fixture noop` (the native case
//       interleaved with Node samples; reported, no target)
//
//   npx tsx bench/run-overhead.ts [--blocks 6] [--iterations 100] [--mixed-iterations 20] [--only alone|mixed]
//
// Exit: 0 when (a) is within the target, 1 over it, 2 when a prerequisite is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { createProcessTimer, type ProcessTimer } from '../core/process/timer.ts';

const BIN = fileURLToPath(new URL('../bin/wasmbench.mjs', import.meta.url));
const MAX_RATIO = 1.1;

interface Options {
  blocks: number;
  iterations: number;
  mixedIterations: number;
  only: string | undefined;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      blocks: { type: 'string', default: '6' },
      iterations: { type: 'string', default: '100' },
      'mixed-iterations': { type: 'string', default: '20' },
      only: { type: 'string' },
    },
  });
  const [blocks, iterations, mixedIterations] = [values.blocks, values.iterations, values['mixed-iterations']].map(
    Number,
  );
  if (
    ![blocks, iterations, mixedIterations].every((n) => Number.isInteger(n) && n >= 1) ||
    (values.only && !['alone', 'mixed'].includes(values.only))
  ) {
    console.error('usage: run-overhead.ts [--blocks B] [--iterations N] [--mixed-iterations M] [--only alone|mixed]');
    process.exit(2);
  }
  return { blocks, iterations, mixedIterations, only: values.only };
}

function load(): string {
  return `load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${availableParallelism()} cores`;
}

interface RunBlock {
  argv: string[];
  wallUs: number[];
  timing: string;
}

/** One `wasmbench run`; the native no-op case's recorded argv and wallNs samples (µs). */
function runBlock(runtimes: string, iterations: number, out: string): RunBlock {
  const args = [
    BIN,
    'run',
    '--suite',
    'startup',
    '--runtime',
    runtimes,
    '--fixture',
    'noop',
    '--iterations',
    String(iterations),
    '--out',
    out,
    '--no-report',
  ];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (r.status !== 0) {
    console.error(`wasmbench run failed (exit ${r.status}):\n${r.stderr.slice(-2000)}`);
    process.exit(2);
  }
  const file = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
    cases: { runtime: string; command: string[]; timing?: string; metrics: { wallNs: { samples: number[] } } }[];
  };
  const native = file.cases.find((c) => c.runtime === 'native');
  if (!native) throw new Error('no native case in the results');
  return {
    argv: native.command,
    wallUs: native.metrics.wallNs.samples.map((ns) => ns / 1e3),
    timing: native.timing ?? '?',
  };
}

/** hyperfine -N on the recorded argv; its raw times in µs. */
function hyperfineBlock(argv: string[], runs: number, jsonPath: string, prepare?: string[]): number[] {
  const command = argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`)).join(' ');
  const prep = prepare ? ['--prepare', prepare.join(' ')] : [];
  execFileSync(
    'hyperfine',
    ['-N', '--warmup', '3', '--runs', String(runs), '--style', 'none', ...prep, '--export-json', jsonPath, command],
    { stdio: 'pipe' },
  );
  const exported = JSON.parse(readFileSync(jsonPath, 'utf8')) as { results: { times: number[] }[] };
  return exported.results[0].times.map((s) => s * 1e6);
}

interface Scenario {
  label: string;
  runtimes: string;
  iterations: number;
  timer?: ProcessTimer;
  /** A hyperfine --prepare command standing in for the other cases' processes that run between two native samples. */
  prepare?: string[];
}

/** The process timer alone on the same argv (what bench/spawn-overhead.ts measured): tells run's own share apart. */
async function timerBlock(timer: ProcessTimer, argv: string[], runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const s = await timer.run({ argv, timeoutMs: 10_000 });
    if (s.exitCode !== 0)
      throw new Error(`${argv[0]} failed under the timer: ${s.spawnError ?? s.signal ?? s.exitCode}`);
    if (i >= 3) times.push(s.wallNs / 1e3);
  }
  return times;
}

/** Alternating blocks of one scenario; prints and returns the ratio of pooled medians. */
async function measure(scenario: Scenario, blocks: number, dir: string): Promise<number> {
  // A short first run builds what the run needs and tells the argv hyperfine must time.
  const { argv } = runBlock(scenario.runtimes, 3, join(dir, `${scenario.label}-probe`));
  const ours: number[] = [];
  const theirs: number[] = [];
  const bare: number[] = [];
  const prepared: number[] = [];
  const blockRatios: string[] = [];
  let timing = '';
  for (let b = 0; b < blocks; b++) {
    let run: RunBlock = { argv, wallUs: [], timing: '' };
    let hf: number[] = [];
    const steps = [
      () => {
        run = runBlock(scenario.runtimes, scenario.iterations, join(dir, `${scenario.label}-${b}`));
      },
      () => {
        hf = hyperfineBlock(argv, scenario.iterations, join(dir, `hf-${scenario.label}-${b}.json`));
      },
    ];
    if (b % 2 === 1) steps.reverse(); // who goes first alternates
    for (const step of steps) step();
    if (scenario.timer) bare.push(...(await timerBlock(scenario.timer, argv, scenario.iterations)));
    if (scenario.prepare)
      prepared.push(
        ...hyperfineBlock(argv, scenario.iterations, join(dir, `hfp-${scenario.label}-${b}.json`), scenario.prepare),
      );
    if (run.argv.join(' ') !== argv.join(' ')) throw new Error(`the run recorded another argv: ${run.argv.join(' ')}`);
    timing = run.timing;
    ours.push(...run.wallUs);
    theirs.push(...hf);
    blockRatios.push((median(run.wallUs) / median(hf)).toFixed(2));
  }
  const ratio = median(ours) / median(theirs);
  console.log(
    `(${scenario.label}) ${scenario.runtimes}: wasmbench median ${median(ours).toFixed(1)} µs (n=${ours.length}, ${timing}), hyperfine -N ${median(theirs).toFixed(1)} µs (n=${theirs.length})`,
  );
  console.log(`    per-block ratios ${blockRatios.join(' ')}; ratio ${ratio.toFixed(3)}; ${load()}`);
  if (prepared.length)
    console.log(
      `    hyperfine -N --prepare '${scenario.prepare!.join(' ')}' (a Node process before every run, as interleaving does): median ${median(prepared).toFixed(1)} µs; wasmbench / that = ${(median(ours) / median(prepared)).toFixed(3)}`,
    );
  if (bare.length)
    console.log(
      `    the process timer alone (no run around it): median ${median(bare).toFixed(1)} µs, ${(median(bare) / median(theirs)).toFixed(3)}x hyperfine`,
    );
  return ratio;
}

async function main(): Promise<void> {
  const opts = options();
  try {
    console.log(
      execFileSync('hyperfine', ['--version'], { encoding: 'utf8' }).trim() +
        `; ${opts.blocks} alternating blocks; ${load()}`,
    );
  } catch {
    console.error('hyperfine not found: install it (apt-get install hyperfine)');
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'wb-run-overhead-'));
  try {
    const timer = await createProcessTimer({ method: 'wait4-helper' });
    const alone =
      opts.only === 'mixed'
        ? null
        : await measure({ label: 'a', runtimes: 'native', iterations: opts.iterations, timer }, opts.blocks, dir);
    const mixed =
      opts.only === 'alone'
        ? null
        : await measure(
            {
              label: 'b',
              runtimes: 'node,native',
              iterations: opts.mixedIterations,
              prepare: [process.execPath, '-e', '0'],
            },
            opts.blocks,
            dir,
          );
    timer.close?.();
    console.log(
      `ratio (a) native no-op alone = ${alone?.toFixed(3) ?? 'not run'} (target <= ${MAX_RATIO}); (b) inside node+native = ${mixed?.toFixed(3) ?? 'not run'}`,
    );
    if (alone !== null && alone > MAX_RATIO) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
