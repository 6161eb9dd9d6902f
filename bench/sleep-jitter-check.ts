// Independent check of the sleep-jitter suite: the same C program
// (fixtures/wasm/sleep/main.c) compiled by hand with `cc` and run natively,
// and the committed sleep.wasm run under node:wasi by a tiny hand-written
// script (not runners/hosts/node-wasi-host.mjs), against `wasmbench run
// --suite sleep-jitter --runtime node,native` with the same arguments. The
// rounds alternate (wasmbench, hand-native, hand-node) so machine drift hits
// both sides alike; the wakeups of all rounds are pooled per side.
//
//   npx tsx bench/sleep-jitter-check.ts [--interval 1.5ms] [--wakeups 20] [--rounds 5] [--deadline relative]
//
// Agreement: per runtime, |median overshoot (wasmbench) - median (hand)| <=
// max(50 us, 3 % of the interval). Exit 0 agree, 1 disagree, 2 missing tool / bad usage.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median, quantile } from 'simple-statistics';
import { parseInterval } from '../core/config/interval.ts';
import { parseResults } from '../core/results/read.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = join(ROOT, 'fixtures/wasm/sleep/main.c');
const INCLUDE = join(ROOT, 'fixtures/wasm/include');
const WASM = join(ROOT, 'fixtures/wasm/sleep/sleep.wasm');

// The hand-written node:wasi runner: nothing but WASI setup and start.
const NODE_SCRIPT = `import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
const [wasm, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: ['sleep', ...args], env: {}, returnOnExit: true });
const instance = await WebAssembly.instantiate(new WebAssembly.Module(readFileSync(wasm)), wasi.getImportObject());
process.exitCode = wasi.start(instance);
`;

function options() {
  const { values } = parseArgs({
    options: {
      interval: { type: 'string', default: '1.5ms' },
      wakeups: { type: 'string', default: '20' },
      rounds: { type: 'string', default: '5' },
      deadline: { type: 'string', default: 'relative' },
    },
  });
  const wakeups = Number(values.wakeups);
  const rounds = Number(values.rounds);
  if (
    !Number.isInteger(wakeups) ||
    wakeups < 1 ||
    !Number.isInteger(rounds) ||
    rounds < 1 ||
    !['relative', 'absolute'].includes(values.deadline!)
  ) {
    console.error(
      'usage: sleep-jitter-check.ts [--interval 1.5ms] [--wakeups N] [--rounds R] [--deadline relative|absolute]',
    );
    process.exit(2);
  }
  return {
    intervalText: values.interval!,
    intervalNs: parseInterval(values.interval!),
    wakeups,
    rounds,
    deadline: values.deadline!,
  };
}

function overshoots(stdout: string): number[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('@wb overshoot_ns '))
    .map((l) => Number(l.split(' ')[2]));
}

function run(file: string, args: string[], cwd = ROOT): string {
  return execFileSync(file, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

interface Side {
  native: number[];
  node: number[];
}

function wasmbenchRound(dir: string, o: ReturnType<typeof options>, round: number): Side {
  const out = join(dir, `run-${round}`);
  run(process.execPath, [
    join(ROOT, 'bin/wasmbench.mjs'),
    'run',
    '--suite',
    'sleep-jitter',
    '--runtime',
    'node,native',
    '--mode',
    'tiered,aot',
    '--iterations',
    String(o.wakeups),
    '--interval',
    o.intervalText,
    '--deadline',
    o.deadline,
    '--config',
    join(dir, 'bench.config.mjs'),
    '--no-report',
    '--out',
    out,
  ]);
  const path = join(out, 'results.json');
  const file = parseResults(JSON.parse(readFileSync(path, 'utf8')), path);
  const samples = (runtime: string) => {
    const c = file.cases.find((x) => x.runtime === runtime);
    if (c?.status !== 'ok') throw new Error(`wasmbench ${runtime} case is ${c?.status ?? 'missing'}`);
    return c.metrics.overshootNs.samples;
  };
  return { native: samples('native'), node: samples('node') };
}

function stats(xs: number[]) {
  return {
    n: xs.length,
    median: median(xs),
    p90: quantile(xs, 0.9),
    min: Math.min(...xs),
    max: Math.max(...xs),
    early: xs.filter((x) => x < 0).length,
  };
}

const us = (ns: number) => `${(ns / 1000).toFixed(1)} us`;

function main(): number {
  const o = options();
  const dir = mkdtempSync(join(tmpdir(), 'wasmbench-sleep-check-'));
  try {
    const binary = join(dir, 'sleep-native');
    try {
      run(process.env.CC || 'cc', ['-O2', `-I${INCLUDE}`, SOURCE, '-o', binary]);
    } catch (err) {
      console.error(
        `cannot compile ${SOURCE} with ${process.env.CC || 'cc'}: ${(err as Error).message}; apt-get install gcc`,
      );
      return 2;
    }
    writeFileSync(join(dir, 'hand-wasi.mjs'), NODE_SCRIPT);
    writeFileSync(
      join(dir, 'bench.config.mjs'),
      'export default { sleepJitter: { edgeCases: false, references: false } };\n',
    );
    const args = [o.deadline, String(o.intervalNs), String(o.wakeups)];
    const bench: Side = { native: [], node: [] };
    const hand: Side = { native: [], node: [] };
    for (let round = 0; round < o.rounds; round++) {
      const b = wasmbenchRound(dir, o, round);
      bench.native.push(...b.native);
      bench.node.push(...b.node);
      hand.native.push(...overshoots(run(binary, args)));
      hand.node.push(
        ...overshoots(run(process.execPath, ['--no-warnings', join(dir, 'hand-wasi.mjs'), WASM, ...args])),
      );
    }
    const tolerance = Math.max(50_000, 0.03 * o.intervalNs);
    console.log(
      `sleep-jitter check: ${o.deadline} ${o.intervalText} x ${o.wakeups} wakeups, ${o.rounds} rounds; tolerance ${us(tolerance)} on the median overshoot`,
    );
    console.log('runtime  side        n    median       p90       min        max  early');
    let ok = true;
    for (const runtime of ['native', 'node'] as const) {
      const [b, h] = [stats(bench[runtime]), stats(hand[runtime])];
      for (const [side, s] of [
        ['wasmbench', b],
        ['hand', h],
      ] as const) {
        console.log(
          `${runtime.padEnd(8)} ${side.padEnd(9)} ${String(s.n).padStart(4)} ${us(s.median).padStart(9)} ${us(s.p90).padStart(9)} ${us(s.min).padStart(9)} ${us(s.max).padStart(10)} ${String(s.early).padStart(6)}`,
        );
      }
      const diff = Math.abs(b.median - h.median);
      const agree = diff <= tolerance;
      ok &&= agree;
      console.log(`${runtime.padEnd(8)} median difference ${us(diff)}: ${agree ? 'agree' : 'DISAGREE'}`);
    }
    return ok ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main();
