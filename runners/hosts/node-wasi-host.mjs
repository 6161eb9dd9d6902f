// The Node host for one sample: compile, instantiate and run a WASI command
// module with node:wasi, then report the three phases on stdout with the
// guest line protocol. Plain JavaScript on purpose: it runs inside the timed
// process, so it must load nothing it does not need (no tsx, no imports
// beyond node:fs and node:wasi).
//
// usage: node [v8 flags] node-wasi-host.mjs [--dir HOST::GUEST]... [--env K=V]... MODULE.wasm [guest args...]
// exit:  the guest's exit code; 134 on a trap (as wasmtime does), 2 on bad usage.
//
// The cwd is preopened as the guest's `.`; --dir adds more (node:wasi has no
// read-only preopens). A Sightglass module's bench.start / bench.end imports
// are provided: each stamps the monotonic clock, and both stamps are printed
// after the guest has run as `@wb bench_start_ns` / `@wb bench_end_ns`.
import { readFileSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { WASI } from 'node:wasi';

const argv = process.argv.slice(2);
const preopens = { '.': process.cwd() };
const env = {};
while (argv[0] === '--dir' || argv[0] === '--env') {
  const [flag, value = ''] = argv.splice(0, 2);
  const sep = flag === '--dir' ? value.indexOf('::') : value.indexOf('=');
  if (sep <= 0) {
    writeSync(2, `${flag} needs ${flag === '--dir' ? 'HOST::GUEST' : 'NAME=VALUE'}, got ${JSON.stringify(value)}\n`);
    process.exit(2);
  }
  if (flag === '--dir') preopens[value.slice(sep + 2)] = value.slice(0, sep);
  else env[value.slice(0, sep)] = value.slice(sep + 1);
}
const [modulePath, ...guestArgs] = argv;
if (!modulePath) {
  writeSync(2, 'usage: node-wasi-host.mjs [--dir HOST::GUEST]... [--env K=V]... MODULE.wasm [args...]\n');
  process.exit(2);
}

const now = process.hrtime.bigint;
let benchStart = null;
let benchEnd = null;
const bench = {
  start() {
    benchStart = now();
  },
  end() {
    benchEnd = now();
  },
};
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
    env,
    preopens,
    returnOnExit: true,
  });
  const instance = new WebAssembly.Instance(module, { ...wasi.getImportObject(), bench });
  const t2 = now();
  phase = 'execute';
  const exitCode = wasi.start(instance);
  const t3 = now();
  // writeSync: process.stdout is asynchronous on pipes, the guest's own writes are not.
  const region =
    benchStart !== null && benchEnd !== null ? `@wb bench_start_ns ${benchStart}\n@wb bench_end_ns ${benchEnd}\n` : '';
  writeSync(1, `${region}@wb compile_ns ${t1 - t0}\n@wb instantiate_ns ${t2 - t1}\n@wb execute_ns ${t3 - t2}\n`);
  process.exitCode = exitCode;
} catch (err) {
  writeSync(2, `wasm ${phase} failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = phase === 'execute' ? 134 : 1;
}
