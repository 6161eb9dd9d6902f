// The Node host for the embedding view: instantiate a module once, then
// time calls to one exported function with tinybench (after its warmup) and
// report every sample, p50, p99 and the relative margin of error on stdout
// with the guest line protocol. The V8 tier is chosen by the flags node is
// started with (--liftoff-only, --no-liftoff, or the tiered default).
//
// usage: node [v8 flags] node-call-host.mjs MODULE.wasm --call NAME [--arg I32]...
//             [--expect I32] [--calls N] [--warmup-calls N]
// prints: @wb call_ns <ns> per timed call, @wb call_p50_ns, @wb call_p99_ns,
//         @wb call_rme_ppm (tinybench's rme, percent x 10^4)
// exit:   0; 1 when the function is missing or returns the wrong value; 2 on bad usage.
import { readFileSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { WASI } from 'node:wasi';
import { Bench } from 'tinybench';

function usage(message) {
  writeSync(
    2,
    `${message}\nusage: node-call-host.mjs MODULE.wasm --call NAME [--arg I32]... [--expect I32] [--calls N] [--warmup-calls N]\n`,
  );
  process.exit(2);
}

function parse(argv) {
  const opts = { module: null, call: null, args: [], expect: null, calls: 1000, warmupCalls: 100 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      if (opts.module) usage(`unexpected argument ${a}`);
      opts.module = a;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) usage(`${a} needs a value`);
    if (a === '--call') opts.call = value;
    else if (a === '--arg') opts.args.push(Number.parseInt(value, 10));
    else if (a === '--expect') opts.expect = Number.parseInt(value, 10);
    else if (a === '--calls') opts.calls = Number.parseInt(value, 10);
    else if (a === '--warmup-calls') opts.warmupCalls = Number.parseInt(value, 10);
    else usage(`unknown option ${a}`);
  }
  if (!opts.module || !opts.call) usage('MODULE and --call are required');
  return opts;
}

const opts = parse(process.argv.slice(2));
const module = new WebAssembly.Module(readFileSync(opts.module));
const wasi = new WASI({ version: 'preview1', args: [basename(opts.module)], env: {}, returnOnExit: true });
const instance = new WebAssembly.Instance(module, wasi.getImportObject());
// A reactor initialises itself; a command's extra export needs no _start.
if (typeof instance.exports._initialize === 'function') wasi.initialize(instance);
const fn = instance.exports[opts.call];
if (typeof fn !== 'function') {
  writeSync(2, `the module exports no function "${opts.call}"\n`);
  process.exit(1);
}
const result = fn(...opts.args);
if (opts.expect !== null && result !== opts.expect) {
  writeSync(2, `${opts.call}(${opts.args.join(', ')}) returned ${result}, expected ${opts.expect}\n`);
  process.exit(1);
}

// time: 0 and warmupTime: 0 make the iteration counts exact, so a sample
// costs the same on every machine; hrtimeNow keeps nanosecond resolution.
const bench = new Bench({
  time: 0,
  iterations: opts.calls,
  warmupTime: 0,
  warmupIterations: opts.warmupCalls,
  retainSamples: true,
  timestampProvider: 'hrtimeNow',
  throws: true,
});
let sink = 0;
bench.add(opts.call, () => {
  sink ^= fn(...opts.args);
});
await bench.run();
const latency = bench.tasks[0].result.latency;
if (!latency?.samples) {
  writeSync(2, `tinybench returned no samples (state ${bench.tasks[0].result.state})\n`);
  process.exit(1);
}
const ns = (ms) => Math.round(ms * 1e6);
const lines = latency.samples.map((ms) => `@wb call_ns ${ns(ms)}`);
lines.push(
  `@wb call_p50_ns ${ns(latency.p50)}`,
  `@wb call_p99_ns ${ns(latency.p99)}`,
  `@wb call_rme_ppm ${Math.round(latency.rme * 1e4)}`,
);
writeSync(1, `${lines.join('\n')}\n`);
if (sink === 0.5) writeSync(2, 'unreachable\n'); // keeps `sink` observable
