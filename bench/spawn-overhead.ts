// Acceptance benchmark for the process timer: timing a native no-op binary,
// our median wallNs (wait4-helper, default serve mode) must be within 1.25x of
// `hyperfine -N`'s median on the same binary in the same session. hyperfine,
// the serve-mode helper and the one-shot helper run in rotating blocks so CPU
// frequency or load drift hits all alike. The one-shot and node-spawn medians
// are printed for comparison only.
//
//   npx tsx bench/spawn-overhead.ts [--runs 300] [--blocks 10] [--warmup 20]
//
// Exit: 0 within the bound, 1 over it, 2 when a prerequisite is missing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { max, median, min, quantile } from 'simple-statistics';
import { createProcessTimer, type ProcessTimer } from '../core/process/timer.ts';

const MAX_RATIO = 1.25;

function options(): { runs: number; blocks: number; warmup: number } {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '300' },
      blocks: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '20' },
    },
  });
  const [runs, blocks, warmup] = [values.runs, values.blocks, values.warmup].map(Number);
  if (![runs, blocks, warmup].every((n) => Number.isInteger(n) && n >= 0) || runs < blocks || blocks < 1) {
    console.error('usage: spawn-overhead.ts [--runs N] [--blocks B] [--warmup W]  (N >= B >= 1)');
    process.exit(2);
  }
  return { runs, blocks, warmup };
}

function missing(what: string, fix: string): never {
  console.error(`${what}: ${fix}`);
  process.exit(2);
}

function hyperfineVersion(): string {
  try {
    return execFileSync('hyperfine', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return missing('hyperfine not found', 'install hyperfine (apt-get install hyperfine)');
  }
}

function buildNoop(dir: string): string {
  const source = join(dir, 'noop.c');
  const binary = join(dir, 'noop');
  writeFileSync(source, 'int main(void){return 0;}\n');
  try {
    execFileSync(process.env.CC || 'cc', ['-O2', '-o', binary, source], { stdio: 'pipe' });
  } catch (err) {
    missing(
      'cannot compile the no-op program',
      `install a C compiler (apt-get install gcc): ${(err as Error).message}`,
    );
  }
  return binary;
}

/** One hyperfine invocation; its raw times in µs. */
function hyperfineBlock(binary: string, runs: number, warmup: number, jsonPath: string): number[] {
  execFileSync(
    'hyperfine',
    ['-N', '--warmup', String(warmup), '--runs', String(runs), '--style', 'none', '--export-json', jsonPath, binary],
    { stdio: 'pipe' },
  );
  const exported = JSON.parse(readFileSync(jsonPath, 'utf8')) as { results: { times: number[] }[] };
  return exported.results[0].times.map((s) => s * 1e6);
}

/** The same block through our timer: warmups discarded, wallNs in µs. */
async function timerBlock(timer: ProcessTimer, binary: string, runs: number, warmup: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const s = await timer.run({ argv: [binary], timeoutMs: 10_000 });
    if (s.exitCode !== 0)
      throw new Error(`no-op run failed under ${timer.method}: ${s.spawnError ?? s.signal ?? s.exitCode}`);
    if (i >= warmup) times.push(s.wallNs / 1e3);
  }
  return times;
}

/** Other work on the machine inflates both tools unevenly; say so rather than hide it. */
function warnIfBusy(): void {
  const load = loadavg()[0];
  const cores = availableParallelism();
  if (load > cores / 2)
    console.warn(`warning: 1-min load average ${load.toFixed(2)} on ${cores} cores; these figures are not trustworthy`);
}

function describe(label: string, us: number[]): string {
  const f = (x: number) => x.toFixed(1).padStart(8);
  return `${label.padEnd(22)} n=${String(us.length).padEnd(5)} median ${f(median(us))} µs  min ${f(min(us))}  p90 ${f(quantile(us, 0.9))}  max ${f(max(us))}`;
}

async function main(): Promise<void> {
  const { runs, blocks, warmup } = options();
  const version = hyperfineVersion();
  const dir = mkdtempSync(join(tmpdir(), 'wb-spawn-overhead-'));
  try {
    const binary = buildNoop(dir);
    const helper = await createProcessTimer({ method: 'wait4-helper' }).catch((err: Error) =>
      missing('wait4-helper unavailable', err.message),
    );
    const oneshot = await createProcessTimer({ method: 'wait4-helper', helperMode: 'oneshot' });
    const node = await createProcessTimer({ method: 'node-spawn' });
    const all = { hyperfine: [] as number[], helper: [] as number[], oneshot: [] as number[], node: [] as number[] };
    const blockRatios: number[] = [];
    const oneshotRatios: number[] = [];
    console.log(
      `${version}; no-op ${binary}; ${runs} runs in ${blocks} alternating blocks, warmup ${warmup} per block`,
    );
    warnIfBusy();
    for (let b = 0; b < blocks; b++) {
      const n = Math.floor(runs / blocks) + (b < runs % blocks ? 1 : 0);
      let hfTimes: number[] = [];
      let ourTimes: number[] = [];
      let oneshotTimes: number[] = [];
      const steps = [
        async () => {
          hfTimes = hyperfineBlock(binary, n, warmup, join(dir, `hf-${b}.json`));
        },
        async () => {
          ourTimes = await timerBlock(helper, binary, n, warmup);
        },
        async () => {
          oneshotTimes = await timerBlock(oneshot, binary, n, warmup);
        },
      ];
      for (let k = 0; k < steps.length; k++) await steps[(b + k) % steps.length](); // rotate who goes first
      all.hyperfine.push(...hfTimes);
      all.helper.push(...ourTimes);
      all.oneshot.push(...oneshotTimes);
      blockRatios.push(median(ourTimes) / median(hfTimes));
      oneshotRatios.push(median(oneshotTimes) / median(hfTimes));
      all.node.push(...(await timerBlock(node, binary, n, warmup)));
    }
    const ratio = median(all.helper) / median(all.hyperfine);
    console.log(describe('hyperfine -N', all.hyperfine));
    console.log(
      describe(
        `wait4-helper (${helper.method === 'wait4-helper' && 'close' in helper ? 'serve' : 'oneshot'})`,
        all.helper,
      ),
    );
    console.log(describe('wait4-helper (oneshot)', all.oneshot));
    console.log(describe('wasmbench node-spawn', all.node));
    console.log(`per-block ratios: ${blockRatios.map((r) => r.toFixed(2)).join(' ')}`);
    console.log(`per-block ratios (oneshot): ${oneshotRatios.map((r) => r.toFixed(2)).join(' ')}`);
    console.log(
      `ratio wait4-helper / hyperfine = ${ratio.toFixed(3)} (limit ${MAX_RATIO}); oneshot / hyperfine = ${(median(all.oneshot) / median(all.hyperfine)).toFixed(3)}; node-spawn / hyperfine = ${(median(all.node) / median(all.hyperfine)).toFixed(2)}`,
    );
    helper.close?.();
    warnIfBusy();
    if (ratio > MAX_RATIO) {
      console.error(`FAIL: the wait4-helper median is ${ratio.toFixed(2)}x hyperfine's (> ${MAX_RATIO}x)`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
