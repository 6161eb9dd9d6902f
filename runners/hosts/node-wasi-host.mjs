// The Node host for one sample: compile, instantiate and run a WASI command
// module with node:wasi, then report the three phases on stdout with the
// guest line protocol. Plain JavaScript on purpose: it runs inside the timed
// process, so it must load nothing it does not need (no tsx, no imports
// beyond node:fs and node:wasi).
//
// usage: node [v8 flags] node-wasi-host.mjs MODULE.wasm [guest args...]
// exit:  the guest's exit code; 134 on a trap (as wasmtime does), 2 on bad usage.
import { readFileSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { WASI } from 'node:wasi';

const [modulePath, ...guestArgs] = process.argv.slice(2);
if (!modulePath) {
  writeSync(2, 'usage: node-wasi-host.mjs MODULE.wasm [args...]\n');
  process.exit(2);
}

const now = process.hrtime.bigint;
const bytes = readFileSync(modulePath);
const t0 = now();
let phase = 'compile';
try {
  const module = new WebAssembly.Module(bytes);
  const t1 = now();
  phase = 'instantiate';
  const wasi = new WASI({
    version: 'preview1',
    args: [basename(modulePath), ...guestArgs],
    env: {},
    preopens: { '.': process.cwd() },
    returnOnExit: true,
  });
  const instance = new WebAssembly.Instance(module, wasi.getImportObject());
  const t2 = now();
  phase = 'execute';
  const exitCode = wasi.start(instance);
  const t3 = now();
  // writeSync: process.stdout is asynchronous on pipes, the guest's own writes are not.
  writeSync(1, `@wb compile_ns ${t1 - t0}\n@wb instantiate_ns ${t2 - t1}\n@wb execute_ns ${t3 - t2}\n`);
  process.exitCode = exitCode;
} catch (err) {
  writeSync(2, `wasm ${phase} failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = phase === 'execute' ? 134 : 1;
}
