/**
 * Checks of a user's module before anything is measured: each problem is a
 * UsageError (exit 2) that names the file and the fix. Run once per
 * workload while planning, never inside a timed sample.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { UsageError } from '../errors.ts';
import type { ModuleFacts } from './types.ts';

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const CORE_VERSION = [0x01, 0x00, 0x00, 0x00];
/** Component model binaries: version 0x0d (pre-1.0 encoding), layer 1. */
const COMPONENT_LAYER = [0x01, 0x00];

/** Imports every runtime here provides to a command module. */
export const WASI_MODULE = 'wasi_snapshot_preview1';
export const BENCH_MODULE = 'bench';
export const BENCH_MARKERS = ['start', 'end'] as const;

const REBUILD_COMMAND =
  'build it as a WASI command with a main(): clang --target=wasm32-wasi (no -mexec-model=reactor), or a Rust bin crate for wasm32-wasip1';

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  return bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
}

async function readModule(path: string): Promise<Uint8Array<ArrayBuffer>> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT')
      throw new UsageError(
        `${path}: no such file`,
        "check the path; a relative path is read from the current directory (or, in bench.config.ts, the config file's directory)",
      );
    throw new UsageError(`${path}: cannot read it (${err.code ?? err.message})`, 'check the path and its permissions');
  });
  if (!info.isFile())
    throw new UsageError(`${path} is not a file`, 'give a .wasm file, or a directory of them (a corpus)');
  return new Uint8Array(await readFile(path));
}

/** The header checks: magic, then core module vs component vs unknown version. */
export function checkHeader(path: string, bytes: Uint8Array): void {
  if (!startsWith(bytes, MAGIC)) {
    const text = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
    const wat = text.startsWith('(module') || text.startsWith('(component');
    throw new UsageError(
      `${path} is not a WebAssembly binary (it does not start with the \\0asm magic${wat ? '; it looks like WebAssembly text' : ''})`,
      wat
        ? 'assemble it first, e.g. `wat2wasm app.wat -o app.wasm`, and pass the .wasm'
        : 'pass the compiled .wasm module, not a source, archive or native binary',
    );
  }
  if (bytes.length < 8) {
    throw new UsageError(
      `${path} is truncated: ${bytes.length} bytes, shorter than the 8-byte WebAssembly header`,
      'rebuild it or copy it again; the file is incomplete',
    );
  }
  const version = bytes.subarray(4, 8);
  if (startsWith(bytes, CORE_VERSION, 4)) return;
  if (startsWith(bytes, COMPONENT_LAYER, 6)) {
    throw new UsageError(
      `${path} is a WebAssembly component, not a core module; components are not supported yet`,
      'of the runtimes wasmbench drives only wasmtime runs components (`wasmtime run` / `wasmtime serve`); benchmark the core module instead (a wasm32-wasip1 build of the same program)',
    );
  }
  throw new UsageError(
    `${path} has WebAssembly binary version ${hex(version)}; only version 1 core modules (01 00 00 00) are supported`,
    'rebuild it with a toolchain that emits standard core WebAssembly',
  );
}

/** Compile with V8's validator; its message says where the module is broken. */
async function compile(path: string, bytes: Uint8Array<ArrayBuffer>): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compile(bytes);
  } catch (err) {
    const message = (err as Error).message.replace(/^WebAssembly\.compile\(\): /, '');
    throw new UsageError(
      `${path} is not a valid WebAssembly module: ${message}`,
      'rebuild it; a truncated copy or a failed build gives this (the message is from WebAssembly.compile)',
    );
  }
}

function isProvided(entry: WebAssembly.ModuleImportDescriptor): boolean {
  if (entry.module === WASI_MODULE) return entry.kind === 'function';
  return (
    entry.module === BENCH_MODULE &&
    entry.kind === 'function' &&
    (BENCH_MARKERS as readonly string[]).includes(entry.name)
  );
}

/** Imports no runtime here provides: listed in the error, with the fix for the known kinds. */
export function checkImports(path: string, imports: WebAssembly.ModuleImportDescriptor[]): void {
  const missing = imports.filter((entry) => !isProvided(entry));
  if (missing.length === 0) return;
  const listed = missing.map((m) => `${m.module}.${m.name} (${m.kind})`).join(', ');
  const hints = [
    'wasmbench provides only wasi_snapshot_preview1.* and bench.start / bench.end; link everything else into the module',
  ];
  if (missing.some((m) => m.module.startsWith('wasi:http')))
    hints.push('a wasi:http handler needs `wasmtime serve`, which wasmbench does not drive for your own modules yet');
  if (missing.some((m) => m.module === 'wasi_unstable'))
    hints.push('wasi_unstable is the old WASI preview 0: rebuild with a current wasi-sdk (wasm32-wasip1)');
  if (missing.some((m) => m.module === 'env'))
    hints.push(
      'env.* imports usually mean undefined symbols at link time (or an Emscripten build): build with --target=wasm32-wasi and fix the missing symbols',
    );
  throw new UsageError(`${path} imports what the runtimes cannot provide: ${listed}`, hints.join('; '));
}

/** A command module exports `_start`; a reactor exports `_initialize`, a library neither. */
export function checkCommand(path: string, exports: WebAssembly.ModuleExportDescriptor[]): void {
  if (exports.some((e) => e.name === '_start' && e.kind === 'function')) return;
  const reactor = exports.some((e) => e.name === '_initialize');
  const names = exports.filter((e) => e.kind === 'function').map((e) => e.name);
  const shown =
    names.length > 8
      ? `${names.slice(0, 8).join(', ')}, ... (${names.length} functions)`
      : names.join(', ') || 'no functions';
  throw new UsageError(
    `${path} exports no _start function: it is ${reactor ? 'a reactor (it exports _initialize)' : 'a library'}, not a WASI command (exports: ${shown})`,
    REBUILD_COMMAND,
  );
}

/** Every check, in order; returns what later steps need (hash, size, markers). */
export async function checkModule(path: string): Promise<ModuleFacts> {
  const bytes = await readModule(path);
  checkHeader(path, bytes);
  const module = await compile(path, bytes);
  checkCommand(path, WebAssembly.Module.exports(module));
  const imports = WebAssembly.Module.imports(module);
  checkImports(path, imports);
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    benchMarkers: imports.some((entry) => entry.module === BENCH_MODULE),
  };
}
