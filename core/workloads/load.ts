/**
 * From `workloads` specs (config or `--wasm`) to checked workloads. Every
 * check runs here, before anything is measured or written: a bad single
 * module is a UsageError (exit 2); a bad module inside a corpus directory
 * is refused by name and the others run.
 */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { stripProtocolLines } from './manifest.ts';
import { UsageError, WasmbenchError } from '../errors.ts';
import { checkModule } from './check.ts';
import { corpusEntries, corpusName, type CorpusEntry } from './corpus.ts';
import type { DirSpec, WorkloadSpec } from './spec.ts';
import type { PreopenDir, Workload } from './types.ts';

/** A corpus module that failed its checks: recorded as an errored case, the run ends with exit 1. */
export interface RefusedWorkload {
  name: string;
  wasmPath: string;
  reason: string;
}

export interface LoadedWorkloads {
  workloads: Workload[];
  refused: RefusedWorkload[];
}

export interface LoadContext {
  /** Relative paths are resolved from here: the config file's directory, or the current directory for `--wasm`. */
  baseDir: string;
  /** The run's per-sample timeout (caps a workload's own). */
  timeoutMs: number;
}

async function kindOf(path: string): Promise<'file' | 'dir' | 'other' | 'missing'> {
  const info = await stat(path).catch(() => null);
  if (!info) return 'missing';
  return info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other';
}

async function existingFile(what: string, path: string, fix: string): Promise<string> {
  const kind = await kindOf(path);
  if (kind === 'file') return path;
  throw new UsageError(`${what} ${path} ${kind === 'missing' ? 'does not exist' : 'is not a file'}`, fix);
}

async function existingDir(what: string, path: string, fix: string): Promise<string> {
  const kind = await kindOf(path);
  if (kind === 'dir') return path;
  throw new UsageError(`${what} ${path} ${kind === 'missing' ? 'does not exist' : 'is not a directory'}`, fix);
}

async function preopens(specs: DirSpec[], base: string, name: string): Promise<PreopenDir[]> {
  const out: PreopenDir[] = [];
  for (const spec of specs) {
    const given = typeof spec === 'string' ? { host: spec } : spec;
    const host = await existingDir(
      `workload "${name}": preopened dir`,
      resolve(base, given.host),
      'create it, or fix `dirs` (paths are relative to the config file, or the current directory for --wasm)',
    );
    out.push({ host, guest: given.guest ?? given.host, writable: given.writable ?? false });
  }
  return out;
}

async function expectedText(file: string): Promise<string> {
  return stripProtocolLines(await readFile(file, 'utf8'));
}

/** Options shared by a single module and every module of a corpus. */
async function common(spec: WorkloadSpec, ctx: LoadContext, name: string) {
  const base = ctx.baseDir;
  const stdinFile =
    spec.stdin === undefined
      ? undefined
      : await existingFile(
          `workload "${name}": stdin file`,
          resolve(base, spec.stdin),
          'create it, or fix `stdin` (relative to the config file, or the current directory for --wasm)',
        );
  const cwd =
    spec.cwd === undefined
      ? undefined
      : await existingDir(`workload "${name}": cwd`, resolve(base, spec.cwd), 'create it, or fix `cwd`');
  let expectedStdout: string | null = null;
  let expectedStdoutFile: string | undefined;
  if (typeof spec.expectedStdout === 'string') expectedStdout = spec.expectedStdout;
  else if (spec.expectedStdout) {
    expectedStdoutFile = await existingFile(
      `workload "${name}": expected stdout file`,
      resolve(base, spec.expectedStdout.file),
      'create it (e.g. from a native run of the same program), or fix `expectedStdout.file`',
    );
    expectedStdout = await expectedText(expectedStdoutFile);
  }
  return {
    args: spec.args ?? [],
    stdinFile,
    cwd,
    env: spec.env ?? {},
    dirs: await preopens(spec.dirs ?? [], base, name),
    expectedStdout,
    expectedStdoutFile,
    timeoutMs: Math.min(spec.timeoutMs ?? ctx.timeoutMs, ctx.timeoutMs),
    native: spec.native ? { command: await nativeCommand(spec.native.command, base, name) } : undefined,
    cgi: spec.cgi ? { args: (typeof spec.cgi === 'object' ? spec.cgi.args : undefined) ?? spec.args ?? [] } : undefined,
  };
}

/** A program path with a slash is resolved and must exist; a bare name is looked up on PATH when run. */
async function nativeCommand(command: string[], base: string, name: string): Promise<string[]> {
  const [program, ...rest] = command;
  if (!program.includes('/')) return [...command];
  const path = await existingFile(
    `workload "${name}": native.command program`,
    resolve(base, program),
    'build the native twin first, or fix `native.command` (relative to the config file, or the current directory)',
  );
  return [path, ...rest];
}

function nameOf(spec: WorkloadSpec, path: string): string {
  if (spec.name) return spec.name;
  const slash = path.lastIndexOf('/');
  return corpusName(path.slice(0, Math.max(slash, 0)) || '.', path.slice(slash + 1));
}

async function single(spec: WorkloadSpec, ctx: LoadContext, wasmPath: string): Promise<Workload> {
  const name = nameOf(spec, wasmPath);
  const module = await checkModule(wasmPath);
  const shared = await common(spec, ctx, name);
  const check = spec.check ?? (shared.expectedStdout === null ? 'ignore' : 'exact');
  if (check !== 'ignore' && shared.expectedStdout === null) {
    throw new UsageError(
      `workload "${name}": check "${check}" needs an expected output`,
      'set expectedStdout (a string or { file }), or check: "ignore"',
    );
  }
  return { name, origin: 'module', wasmPath, wasmPathAsGiven: spec.wasm, module, ...shared, check };
}

async function fromCorpus(spec: WorkloadSpec, ctx: LoadContext, entry: CorpusEntry): Promise<Workload> {
  const module = await checkModule(entry.wasmPath);
  const shared = await common({ ...spec, cwd: spec.cwd ?? entry.dir }, ctx, entry.name);
  const expectedStdoutFile = shared.expectedStdoutFile ?? entry.expectedStdoutFile;
  const expectedStdout =
    shared.expectedStdout ?? (entry.expectedStdoutFile ? await expectedText(entry.expectedStdoutFile) : null);
  const workload: Workload = {
    name: entry.name,
    origin: 'corpus',
    wasmPath: entry.wasmPath,
    wasmPathAsGiven: isAbsolute(spec.wasm)
      ? entry.wasmPath
      : entry.wasmPath.replace(resolve(ctx.baseDir, spec.wasm), spec.wasm.replace(/\/$/, '')),
    module,
    ...shared,
    expectedStdout,
    expectedStdoutFile,
    check: spec.check ?? (expectedStdout === null ? 'ignore' : 'exact'),
  };
  if (entry.expectedStderrFile) {
    workload.expectedStderrFile = entry.expectedStderrFile;
    workload.expectedStderr = await readFile(entry.expectedStderrFile, 'utf8');
  }
  return workload;
}

function assertUniqueNames(workloads: Workload[]): void {
  const seen = new Map<string, Workload>();
  for (const w of workloads) {
    const other = seen.get(w.name);
    if (other) {
      throw new UsageError(
        `two workloads are named "${w.name}": ${other.wasmPath} and ${w.wasmPath}`,
        'give one of them another `name` in bench.config.ts (cases and compare/gate match workloads by name)',
      );
    }
    seen.set(w.name, w);
  }
}

/** Check and expand every spec; throws a UsageError for the first bad single module. */
export async function loadWorkloads(specs: WorkloadSpec[], ctx: LoadContext): Promise<LoadedWorkloads> {
  const workloads: Workload[] = [];
  const refused: RefusedWorkload[] = [];
  for (const spec of specs) {
    const path = resolve(ctx.baseDir, spec.wasm);
    if ((await kindOf(path)) !== 'dir') {
      workloads.push(await single(spec, ctx, path));
      continue;
    }
    if (spec.name)
      throw new UsageError(
        `workload "${spec.name}": ${path} is a directory (a corpus), whose modules are named after their files`,
        'remove `name` from this entry, or point `wasm` at one .wasm file',
      );
    for (const entry of await corpusEntries(path)) {
      try {
        workloads.push(await fromCorpus(spec, ctx, entry));
      } catch (err) {
        if (!(err instanceof WasmbenchError)) throw err;
        refused.push({
          name: entry.name,
          wasmPath: entry.wasmPath,
          reason: err.hint ? `${err.message}; fix: ${err.hint}` : err.message,
        });
      }
    }
  }
  assertUniqueNames(workloads);
  return { workloads, refused };
}
