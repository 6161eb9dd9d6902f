// How long a corpus of 100 modules takes to check and plan (issue 10: under
// 5 s, rewrites on a cold cache excluded). Builds a Sightglass-layout corpus
// of N copies of the committed example (each a distinct module: a custom
// section makes every hash differ), then times loadWorkloads (read, hash,
// WebAssembly.compile validation, import/export checks) and the startup
// suite's plan against the runtimes on this machine.
//
//   npx tsx bench/corpus-plan.ts [--modules 100] [--runtimes node,native,wasmtime]
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveConfig } from '../core/config/resolve.ts';
import { RunEventBus } from '../core/events.ts';
import { detectRuntimes } from '../core/runtimes.ts';
import { loadWorkloads } from '../core/workloads/load.ts';
import { builtIns } from '../cli/built-ins.ts';
import { startupSuite } from '../suites/startup/index.ts';

const EXAMPLE = fileURLToPath(new URL('../docs/examples/sightglass/checksum/', import.meta.url));
const { values } = parseArgs({
  options: {
    modules: { type: 'string', default: '100' },
    runtimes: { type: 'string', default: 'node,native,wasmtime' },
  },
});
const count = Number(values.modules);

/** The example with a custom section "wb-copy" holding i: same code, distinct bytes. */
function copy(bytes: Buffer, i: number): Buffer {
  const name = Buffer.from('wb-copy');
  const payload = Buffer.from(String(i));
  const body = Buffer.concat([Buffer.from([name.length]), name, payload]);
  return Buffer.concat([bytes, Buffer.from([0, body.length]), body]);
}

const root = mkdtempSync(join(tmpdir(), 'wb-corpus-'));
try {
  const wasm = readFileSync(join(EXAMPLE, 'benchmark.wasm'));
  for (let i = 0; i < count; i++) {
    const dir = join(root, `bench-${String(i).padStart(3, '0')}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'benchmark.wasm'), copy(wasm, i));
    writeFileSync(join(dir, 'benchmark.stdout.expected'), readFileSync(join(EXAMPLE, 'benchmark.stdout.expected')));
    writeFileSync(join(dir, 'default.input'), readFileSync(join(EXAMPLE, 'default.input')));
  }
  const config = resolveConfig(
    { runtimes: values.runtimes.split(',') as never[], workloads: [{ wasm: root }] },
    { source: null, runId: 'bench' },
  );
  const registry = builtIns();
  const runtimes = await detectRuntimes(registry.adapters, config.runtimes);
  const t0 = performance.now();
  const workloads = await loadWorkloads(config.workloads, { baseDir: root, timeoutMs: config.timeoutMs });
  const t1 = performance.now();
  const cases = await startupSuite.plan({
    config,
    runtimes,
    bus: new RunEventBus(),
    workDir: root,
    signal: new AbortController().signal,
    workloads,
    timer: { method: 'node-spawn', fallbackReason: null, run: () => Promise.reject(new Error('not measuring')) },
  });
  const t2 = performance.now();
  console.log(
    `${workloads.workloads.length} modules (${workloads.refused.length} refused), ${cases.length} cases on ${values.runtimes}`,
  );
  console.log(
    `check ${(t1 - t0).toFixed(0)} ms + plan ${(t2 - t1).toFixed(0)} ms = ${(t2 - t0).toFixed(0)} ms (load average ${loadavg()[0].toFixed(2)})`,
  );
  process.exitCode = t2 - t0 < 5000 ? 0 : 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}
