// The wasm handler fixture driven in-process: one instance reused for every
// request, or a fresh instance per request (the isolation a serverless
// platform pays for). The module is compiled once either way.
import { readFileSync } from 'node:fs';

/**
 * Imports for the handler module. Its wb_handle path makes no WASI call (only
 * main() does I/O), so every import traps: a call would mean the handler
 * changed, and it must fail loudly rather than be timed.
 */
function trappingImports(module) {
  const imports = {};
  for (const { module: ns, name } of WebAssembly.Module.imports(module)) {
    imports[ns] ??= {};
    imports[ns][name] = () => {
      throw new Error(`handler called the import ${ns}.${name}; wb_handle must not do I/O`);
    };
  }
  return imports;
}

function callHandle(exports, body, rounds) {
  const input = exports.wb_input();
  new Uint8Array(exports.memory.buffer, input, body.length).set(body);
  const n = exports.wb_handle(body.length, rounds);
  if (n < 0) throw new Error(`wb_handle rejected a ${body.length}-byte body with ${rounds} rounds`);
  return Buffer.from(exports.memory.buffer, exports.wb_output(), n).toString('latin1');
}

/** Returns handle(body, rounds) -> response body, for the "reuse" or "fresh" strategy. */
export function loadWasmHandler(wasmPath, strategy) {
  const module = new WebAssembly.Module(readFileSync(wasmPath));
  const imports = trappingImports(module);
  if (strategy === 'reuse') {
    const { exports } = new WebAssembly.Instance(module, imports);
    return (body, rounds) => callHandle(exports, body, rounds);
  }
  if (strategy === 'fresh') {
    return (body, rounds) => callHandle(new WebAssembly.Instance(module, imports).exports, body, rounds);
  }
  throw new Error(`unknown wasm strategy "${strategy}" (reuse or fresh)`);
}
