/**
 * A corpus directory: every module in it is a workload. The layout of the
 * Sightglass benchmark suite (Bytecode Alliance) is understood:
 *
 *   DIR/benchmark.wasm           workload named after DIR
 *   DIR/<name>-<sub>.wasm        workload <name>-<sub>
 *   DIR/<stem>.stdout.expected   expected stdout of <stem>.wasm (also .stderr.expected)
 *   DIR/<inputs>                 read by the guest through a preopened `.`, DIR the working directory
 *
 * A directory holding no .wasm but subdirectories that do (Sightglass's
 * `benchmarks/`) is read one level down.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UsageError } from '../errors.ts';

export interface CorpusEntry {
  name: string;
  wasmPath: string;
  /** The module's directory: the runtime's working directory and the guest's `.`. */
  dir: string;
  expectedStdoutFile?: string;
  expectedStderrFile?: string;
}

const SIGHTGLASS_MODULE = 'benchmark.wasm';

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The workload name of one module in a corpus directory. */
export function corpusName(dir: string, file: string): string {
  return file === SIGHTGLASS_MODULE ? basename(dir) : file.replace(/\.wasm$/, '');
}

function entry(dir: string, file: string): CorpusEntry {
  const stem = file.replace(/\.wasm$/, '');
  const found: CorpusEntry = { name: corpusName(dir, file), wasmPath: join(dir, file), dir };
  const stdout = join(dir, `${stem}.stdout.expected`);
  const stderr = join(dir, `${stem}.stderr.expected`);
  if (existsSync(stdout)) found.expectedStdoutFile = stdout;
  if (existsSync(stderr)) found.expectedStderrFile = stderr;
  return found;
}

async function modulesIn(dir: string): Promise<CorpusEntry[]> {
  const files = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.wasm'));
  return files
    .map((e) => e.name)
    .sort(byName)
    .map((file) => entry(dir, file));
}

/** Every module of a corpus directory, sorted by path. */
export async function corpusEntries(dir: string): Promise<CorpusEntry[]> {
  const here = await modulesIn(dir);
  if (here.length) return here;
  const subdirs = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort(byName);
  const nested = (await Promise.all(subdirs.map((sub) => modulesIn(join(dir, sub))))).flat();
  if (nested.length) return nested;
  throw new UsageError(
    `${dir} holds no .wasm module (nor do its subdirectories)`,
    'pass a .wasm file, or a directory of modules (e.g. a Sightglass benchmark directory with benchmark.wasm)',
  );
}
