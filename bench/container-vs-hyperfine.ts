// Acceptance benchmark for the container adapter, through `wasmbench run`
// itself (the path users take): the median wallNs a run records for a fresh
// container (`runc run --bundle B ID`, the noop fixture by default) must be
// within 1.10x of `hyperfine -N`'s median on the same command, side by side
// in one sitting. Blocks alternate (who goes first rotates) so drift and load
// hit both alike. Each run's bundle is private to it and removed when it
// ends, so hyperfine runs an identical bundle made by the same adapter; the
// script checks that the run recorded that command but for the bundle path
// and the container name. Checks that runc list is empty after.
// The case is `warm` (one bundle for every sample), the only state in which
// hyperfine can repeat the identical command; `cold` times the same command
// on a fresh bundle each, made untimed before the sample.
//
//   npx tsx bench/container-vs-hyperfine.ts [--fixture noop] [--runs 100] [--blocks 5] [--warmup 5]
//
// Exit: 0 within the bound, 1 over it, 2 when a prerequisite is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { loadFixture } from '../core/workloads/manifest.ts';
import { containerAdapter } from '../runners/container/adapter.ts';
import type { RunSpec } from '../runners/types.ts';

const BIN = fileURLToPath(new URL('../bin/wasmbench.mjs', import.meta.url));

const MAX_RATIO = 1.1;

function options() {
  const { values } = parseArgs({
    options: {
      fixture: { type: 'string', default: 'noop' },
      runs: { type: 'string', default: '100' },
      blocks: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '5' },
    },
  });
  const [runs, blocks, warmup] = [values.runs, values.blocks, values.warmup].map(Number);
  if (![runs, blocks, warmup].every((n) => Number.isInteger(n) && n >= 0) || runs < blocks || blocks < 1) {
    console.error(
      'usage: container-vs-hyperfine.ts [--fixture NAME] [--runs N] [--blocks B] [--warmup W]  (N >= B >= 1)',
    );
    process.exit(2);
  }
  return { fixture: values.fixture!, runs, blocks, warmup };
}

function missing(what: string, fix: string): never {
  console.error(`${what}: ${fix}`);
  process.exit(2);
}

function hyperfineBlock(argv: string[], runs: number, warmup: number, jsonPath: string): number[] {
  execFileSync(
    'hyperfine',
    [
      '-N',
      '--warmup',
      String(warmup),
      '--runs',
      String(runs),
      '--style',
      'none',
      '--export-json',
      jsonPath,
      argv.join(' '),
    ],
    { stdio: 'pipe' },
  );
  const exported = JSON.parse(readFileSync(jsonPath, 'utf8')) as { results: { times: number[] }[] };
  return exported.results[0].times.map((s) => s * 1e6);
}

/** One `wasmbench run` of the warm runc case: its recorded argv and wallNs samples (µs). */
function runBlock(fixture: string, runs: number, warmup: number, out: string): { argv: string[]; wallUs: number[] } {
  const args = [
    BIN,
    'run',
    '--suite',
    'startup',
    '--runtime',
    'container',
    '--fixture',
    fixture,
    '--cache-state',
    'warm',
    '--iterations',
    String(runs),
    '--warmups',
    String(warmup),
    '--out',
    out,
    '--force',
    '--no-report',
  ];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (r.status !== 0) {
    console.error(`wasmbench run failed (exit ${r.status}):\n${r.stderr.slice(-2000)}`);
    process.exit(2);
  }
  const file = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
    cases: { status: string; modeName: string; command: string[]; metrics: { wallNs: { samples: number[] } } }[];
  };
  const c = file.cases.find((x) => x.status === 'ok' && x.modeName === 'runc');
  if (!c) throw new Error('no ok runc case in the results');
  return { argv: c.command, wallUs: c.metrics.wallNs.samples.map((ns) => ns / 1e3) };
}

/** The run's argv must be hyperfine's but for the bundle directory and the container name. */
function assertSameCommand(recorded: string[], ours: string[]): void {
  const shape = (argv: string[]) =>
    argv.map((a, i) => (argv[i - 1] === '--bundle' ? '<bundle>' : a.startsWith('wasmbench-') ? '<name>' : a));
  if (JSON.stringify(shape(recorded)) !== JSON.stringify(shape(ours)))
    throw new Error(`the run recorded ${ours.join(' ')}, not the command hyperfine runs (${recorded.join(' ')})`);
}

function loadNote(): string {
  return `1-min load ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores`;
}

async function main(): Promise<void> {
  const opts = options();
  try {
    execFileSync('hyperfine', ['--version'], { stdio: 'pipe' });
  } catch {
    missing('hyperfine not found', 'apt-get install hyperfine');
  }
  const detection = await containerAdapter.detect();
  if (!detection.available || !detection.modes.some((m) => m.modeName === 'runc')) {
    missing(
      'runc cannot run a container here',
      detection.available
        ? (detection.unsupportedModes?.find((m) => m.modeName === 'runc')?.reason ?? '')
        : detection.reason,
    );
  }
  const fixture = await loadFixture(opts.fixture);
  const dir = mkdtempSync(join(tmpdir(), 'wb-container-bench-'));
  const spec: RunSpec = {
    fixture,
    args: fixture.defaultArgs,
    env: {},
    mode: 'aot',
    modeName: 'runc',
    cacheState: 'warm',
    workDir: dir,
  };
  const prepared = await containerAdapter.prepare(detection, spec);
  const recorded = containerAdapter.command(detection, spec, prepared).argv;
  console.log(`hyperfine's command: ${recorded.join(' ')}`);
  console.log(`${opts.runs} runs in ${opts.blocks} alternating blocks, warmup ${opts.warmup} per block; ${loadNote()}`);
  const ours: number[] = [];
  const theirs: number[] = [];
  try {
    for (let b = 0; b < opts.blocks; b++) {
      const n = Math.floor(opts.runs / opts.blocks) + (b < opts.runs % opts.blocks ? 1 : 0);
      const steps = [
        async () => {
          theirs.push(...hyperfineBlock(recorded, n, opts.warmup, join(dir, `hf-${b}.json`)));
        },
        async () => {
          const run = runBlock(opts.fixture, n, opts.warmup, join(dir, 'run'));
          assertSameCommand(recorded, run.argv);
          ours.push(...run.wallUs);
        },
      ];
      for (let k = 0; k < steps.length; k++) await steps[(b + k) % steps.length]();
    }
  } finally {
    // hyperfine's bundle (the adapter keeps a warm case's until a later run sweeps it; this process made it, so it goes now).
    rmSync(recorded[recorded.indexOf('--bundle') + 1], { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
  const ratio = median(ours) / median(theirs);
  console.log(
    `hyperfine -N median ${(median(theirs) / 1e3).toFixed(2)} ms (n=${theirs.length}); wasmbench run's container median ${(median(ours) / 1e3).toFixed(2)} ms (n=${ours.length})`,
  );
  console.log(`ratio wasmbench / hyperfine = ${ratio.toFixed(3)} (limit ${MAX_RATIO}); ${loadNote()}`);
  const left = execFileSync('runc', ['list', '--quiet'], { encoding: 'utf8' })
    .split('\n')
    .filter((n) => n.startsWith('wasmbench-'));
  if (left.length) {
    console.error(`FAIL: containers left in runc list: ${left.join(', ')}`);
    process.exitCode = 1;
  }
  if (ratio > MAX_RATIO) {
    console.error(`FAIL: the adapter's median is ${ratio.toFixed(2)}x hyperfine's (> ${MAX_RATIO}x)`);
    process.exitCode = 1;
  }
}

await main();
