// HTTP server for the node-js, node-wasm-reuse and node-wasm-fresh variants:
// POST a body, get {"sha256":...,"bytes":...,"rounds":...} back. Plain
// JavaScript so it runs with nothing but node (no TypeScript loader).
//
// usage: node node-server.mjs --variant node-js|node-wasm-reuse|node-wasm-fresh
//          [--port 0] [--host 127.0.0.1] [--rounds 16] [--wasm handler.wasm]
//          [--max-lifetime-ms N] [--exit-on-stdin-close]
// prints "listening HOST:PORT" on stdout once it accepts connections.
import { createServer } from 'node:http';
import { handle, MAX_BODY_BYTES, MAX_ROUNDS } from './handler.mjs';
import { announceAndBound, intArg, loopbackHost, parseArgs, readBody } from './server-args.mjs';
import { loadWasmHandler } from './wasm-handler.mjs';

function handlerFor(args) {
  switch (args.variant) {
    case 'node-js':
      return handle;
    case 'node-wasm-reuse':
      return loadWasmHandler(requireWasm(args), 'reuse');
    case 'node-wasm-fresh':
      return loadWasmHandler(requireWasm(args), 'fresh');
    default:
      throw new Error(`--variant must be node-js, node-wasm-reuse or node-wasm-fresh, got "${args.variant}"`);
  }
}

function requireWasm(args) {
  if (!args.wasm) throw new Error(`--variant ${args.variant} needs --wasm PATH (fixtures/wasm/handler/handler.wasm)`);
  return args.wasm;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const host = loopbackHost(args);
  const port = intArg(args, 'port', 0, 0, 65535);
  const rounds = intArg(args, 'rounds', 16, 1, MAX_ROUNDS);
  const work = handlerFor(args);
  const server = createServer((req, res) => {
    readBody(req, MAX_BODY_BYTES, (body) => {
      if (body === null) {
        res.writeHead(413, { 'content-type': 'text/plain' }).end(`body larger than ${MAX_BODY_BYTES} bytes\n`);
        return;
      }
      let out;
      try {
        out = work(body, rounds);
      } catch (err) {
        process.stderr.write(`handler failed: ${err.message}\n`);
        res.writeHead(500, { 'content-type': 'text/plain' }).end('handler failed\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) }).end(out);
    });
  });
  // Keep-alive connections from the load generator must not be cut mid-run.
  server.keepAliveTimeout = 60_000;
  server.on('error', (err) => {
    process.stderr.write(`server error: ${err.message}\n`);
    process.exit(1);
  });
  server.listen(port, host, () => announceAndBound(server, args));
}

try {
  main();
} catch (err) {
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
}
