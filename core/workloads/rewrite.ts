/**
 * Sightglass markers on runtimes that take no extra imports (every CLI):
 * `bench.start` / `bench.end` are replaced, with binaryen, by functions that
 * read WASI's monotonic clock and print
 *
 *   @wb bench_start_ns <t0>
 *   @wb bench_end_ns <t1>
 *
 * on stdout with fd_write, so the module is a plain WASI command.
 *
 * Scratch memory: each marker borrows the first SCRATCH_BYTES bytes of the
 * guest's memory 0 for the clock result, the iovec and the text, and puts
 * the guest's bytes back before it returns. The guest cannot see the
 * borrow: it is single-threaded (shared memories are refused) and none of
 * its code runs while a marker does. Growing a page instead would move the
 * heap end under the guest's allocator (wasi-libc's sbrk expects to own
 * memory.grow), and a second memory needs multi-memory, which wasm3 and
 * iwasm lack. The start marker only keeps t0 in a new global; both lines
 * are printed by the end marker, so the region holds two clock reads and
 * no I/O.
 */
import binaryen from 'binaryen';
import { WasmbenchError } from '../errors.ts';

export const SCRATCH_BYTES = 128;
const SAVED_WORDS = SCRATCH_BYTES / 8;
const IOVEC = 0;
const NWRITTEN = 8;
const TEXT_END = SCRATCH_BYTES;
const CLOCK_MONOTONIC = 1;
const STDOUT = 1;

/** What the results record about a rewrite. */
export const REWRITE_METHOD = `binaryen ${'132'}: bench.start/bench.end replaced by wasi clock_time_get(monotonic) and one fd_write of "@wb bench_start_ns" / "@wb bench_end_ns" lines at bench.end; the first ${SCRATCH_BYTES} bytes of memory 0 are borrowed and restored around each marker`;

const START_GLOBAL = 'wasmbench$bench_t0';
const CLOCK = 'wasmbench$clock_time_get';
const FD_WRITE = 'wasmbench$fd_write';

type Mod = binaryen.Module;

function refuse(path: string, problem: string): WasmbenchError {
  return new WasmbenchError(
    `cannot rewrite the bench.start/bench.end markers of ${path}: ${problem}`,
    undefined,
    'run it on node or wasmtime (embedding hosts provide the markers), or build it without the bench imports',
  );
}

/** Imported functions by external name (module.base -> internal name). */
function importedFunctions(mod: Mod): Map<string, string> {
  const found = new Map<string, string>();
  for (let i = 0; i < mod.getNumFunctions(); i++) {
    const info = binaryen.getFunctionInfo(mod.getFunctionByIndex(i));
    if (info.module) found.set(`${info.module}.${info.base}`, info.name);
  }
  return found;
}

/** The internal name of a WASI import, adding it when the guest does not import it. */
function wasiImport(mod: Mod, imports: Map<string, string>, base: string, own: string, params: number[]): string {
  const existing = imports.get(`wasi_snapshot_preview1.${base}`);
  if (existing) return existing;
  mod.addFunctionImport(own, 'wasi_snapshot_preview1', base, binaryen.createType(params), binaryen.i32);
  return own;
}

interface Helpers {
  clock: string;
  fdWrite: string;
}

/** Save the scratch bytes into locals 0..15; returns the statements. */
function save(mod: Mod): binaryen.ExpressionRef[] {
  return Array.from({ length: SAVED_WORDS }, (_, i) => mod.local.set(i, mod.i64.load(i * 8, 1, mod.i32.const(0))));
}

function restore(mod: Mod): binaryen.ExpressionRef[] {
  return Array.from({ length: SAVED_WORDS }, (_, i) =>
    mod.i64.store(i * 8, 1, mod.i32.const(0), mod.local.get(i, binaryen.i64)),
  );
}

/** clock_time_get(monotonic, 1 ns, &scratch[0]); then the value at scratch[0]. */
function readClock(mod: Mod, h: Helpers): binaryen.ExpressionRef[] {
  return [
    mod.drop(mod.call(h.clock, [mod.i32.const(CLOCK_MONOTONIC), mod.i64.const(1n), mod.i32.const(0)], binaryen.i32)),
  ];
}

function startBody(mod: Mod, h: Helpers): binaryen.ExpressionRef {
  return mod.block(null, [
    ...save(mod),
    ...readClock(mod, h),
    mod.global.set(START_GLOBAL, mod.i64.load(0, 1, mod.i32.const(0))),
    ...restore(mod),
  ]);
}

/** Text is written backwards from TEXT_END: `p` (local) moves down one byte per store. */
function putByte(mod: Mod, p: number, value: binaryen.ExpressionRef): binaryen.ExpressionRef[] {
  return [
    mod.local.set(p, mod.i32.sub(mod.local.get(p, binaryen.i32), mod.i32.const(1))),
    mod.i32.store8(0, 1, mod.local.get(p, binaryen.i32), value),
  ];
}

function putText(mod: Mod, p: number, text: string): binaryen.ExpressionRef[] {
  return [...text].reverse().flatMap((c) => putByte(mod, p, mod.i32.const(c.charCodeAt(0))));
}

/** Decimal digits of the unsigned i64 in local `v`, least significant first (so they read forwards). */
function putDigits(mod: Mod, p: number, v: number, label: string): binaryen.ExpressionRef {
  const digit = mod.i32.add(
    mod.i32.const(48),
    mod.i32.wrap(mod.i64.rem_u(mod.local.get(v, binaryen.i64), mod.i64.const(10n))),
  );
  return mod.loop(
    label,
    mod.block(null, [
      ...putByte(mod, p, digit),
      mod.local.set(v, mod.i64.div_u(mod.local.get(v, binaryen.i64), mod.i64.const(10n))),
      mod.br(label, mod.i64.ne(mod.local.get(v, binaryen.i64), mod.i64.const(0n))),
    ]),
  );
}

function endBody(mod: Mod, h: Helpers): binaryen.ExpressionRef {
  const p = SAVED_WORDS;
  const v = SAVED_WORDS + 1;
  const t1 = SAVED_WORDS + 2;
  return mod.block(null, [
    ...save(mod),
    ...readClock(mod, h),
    mod.local.set(t1, mod.i64.load(0, 1, mod.i32.const(0))),
    mod.local.set(p, mod.i32.const(TEXT_END)),
    ...putText(mod, p, '\n'),
    mod.local.set(v, mod.local.get(t1, binaryen.i64)),
    putDigits(mod, p, v, 'wasmbench$end_digits'),
    ...putText(mod, p, '@wb bench_end_ns '),
    ...putText(mod, p, '\n'),
    mod.local.set(v, mod.global.get(START_GLOBAL, binaryen.i64)),
    putDigits(mod, p, v, 'wasmbench$start_digits'),
    ...putText(mod, p, '@wb bench_start_ns '),
    // iovec { buf = p, len = TEXT_END - p } at IOVEC; fd_write(stdout, &iovec, 1, &nwritten)
    mod.i32.store(IOVEC, 1, mod.i32.const(0), mod.local.get(p, binaryen.i32)),
    mod.i32.store(IOVEC + 4, 1, mod.i32.const(0), mod.i32.sub(mod.i32.const(TEXT_END), mod.local.get(p, binaryen.i32))),
    mod.drop(
      mod.call(
        h.fdWrite,
        [mod.i32.const(STDOUT), mod.i32.const(IOVEC), mod.i32.const(1), mod.i32.const(NWRITTEN)],
        binaryen.i32,
      ),
    ),
    ...restore(mod),
  ]);
}

function checkMemory(mod: Mod, path: string): void {
  if (!mod.hasMemory()) throw refuse(path, 'it has no memory (a WASI command exports one)');
  const exported = Array.from({ length: mod.getNumExports() }, (_, i) =>
    binaryen.getExportInfo(mod.getExportByIndex(i)),
  ).find((e) => e.kind === binaryen.ExternalMemory);
  const info = mod.getMemoryInfo(exported?.value ?? '0');
  if (info.shared)
    throw refuse(path, 'its memory is shared (threads): a borrowed scratch area could be seen by another thread');
  if (info.is64) throw refuse(path, 'it uses a 64-bit memory (memory64)');
  if (info.initial < 1) throw refuse(path, 'its memory starts empty (0 pages): there is no scratch area to borrow');
}

/** Replace one marker import with a defined function of the same internal name. */
function replaceMarker(
  mod: Mod,
  name: string | undefined,
  body: (m: Mod) => binaryen.ExpressionRef,
  vars: number[],
): void {
  if (!name) return;
  const info = binaryen.getFunctionInfo(mod.getFunction(name));
  if (info.params !== binaryen.none || info.results !== binaryen.none) {
    throw new WasmbenchError(
      `bench marker ${info.module}.${info.base} must have type [] -> []`,
      undefined,
      'declare it as `void bench_start(void)` / `void bench_end(void)`',
    );
  }
  mod.removeFunction(name);
  mod.addFunction(name, binaryen.none, binaryen.none, vars, body(mod));
}

/**
 * Validate with the features the module reads as (MVP), else with every
 * post-MVP feature a toolchain may use. Not Features.All: binaryen would then
 * emit encodings (compact imports) that current engines do not read.
 */
function validates(mod: Mod): boolean {
  if (mod.validate()) return true;
  const F = binaryen.Features;
  mod.setFeatures(
    F.MutableGlobals |
      F.SignExt |
      F.NontrappingFPToInt |
      F.BulkMemory |
      F.SIMD128 |
      F.Multivalue |
      F.ReferenceTypes |
      F.TailCall |
      F.ExtendedConst |
      F.ExceptionHandling |
      F.RelaxedSIMD,
  );
  return Boolean(mod.validate());
}

/** The rewritten module's bytes; throws when the module cannot be rewritten safely. */
export function rewriteBenchMarkers(bytes: Uint8Array, path: string): Uint8Array<ArrayBuffer> {
  const mod = binaryen.readBinary(bytes);
  try {
    checkMemory(mod, path);
    const imports = importedFunctions(mod);
    const helpers: Helpers = {
      clock: wasiImport(mod, imports, 'clock_time_get', CLOCK, [binaryen.i32, binaryen.i64, binaryen.i32]),
      fdWrite: wasiImport(mod, imports, 'fd_write', FD_WRITE, [binaryen.i32, binaryen.i32, binaryen.i32, binaryen.i32]),
    };
    mod.addGlobal(START_GLOBAL, binaryen.i64, true, mod.i64.const(0n));
    const saved = Array<number>(SAVED_WORDS).fill(binaryen.i64);
    replaceMarker(mod, imports.get('bench.start'), (m) => startBody(m, helpers), saved);
    replaceMarker(mod, imports.get('bench.end'), (m) => endBody(m, helpers), [
      ...saved,
      binaryen.i32,
      binaryen.i64,
      binaryen.i64,
    ]);
    if (!validates(mod))
      throw refuse(path, 'binaryen produced an invalid module (a bug in wasmbench: please report it with the module)');
    return new Uint8Array(mod.emitBinary());
  } finally {
    mod.dispose();
  }
}
