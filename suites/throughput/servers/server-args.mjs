// Command-line parsing shared by the server processes, and the loopback rule:
// wasmbench servers only ever bind a loopback address.
import { isIP } from 'node:net';

/** --key value pairs into an object; a flag without value is "true". */
export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out[arg.slice(2)] = 'true';
    else {
      out[arg.slice(2)] = next;
      i++;
    }
  }
  return out;
}

export function intArg(args, key, fallback, min, max) {
  const text = args[key];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`--${key} must be an integer in [${min}, ${max}], got "${text}"`);
  return value;
}

export function isLoopback(host) {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

export function loopbackHost(args) {
  const host = args.host ?? '127.0.0.1';
  if (!isLoopback(host))
    throw new Error(`--host ${host} is not a loopback address; wasmbench servers only listen on 127.0.0.1 / ::1`);
  return host;
}

/**
 * Announce the bound address on stdout (the suite waits for this line), and
 * make the process stop itself: after --max-lifetime-ms, when its stdin closes
 * (--exit-on-stdin-close: the parent died), and on SIGTERM/SIGINT.
 */
export function announceAndBound(server, args) {
  const { address, port } = server.address();
  process.stdout.write(`listening ${address}:${port}\n`);
  const stop = () => {
    server.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const lifetimeMs = intArg(args, 'max-lifetime-ms', 0, 0, 7 * 24 * 3600 * 1000);
  if (lifetimeMs > 0)
    setTimeout(() => {
      process.stderr.write(`stopping: --max-lifetime-ms ${lifetimeMs} reached\n`);
      stop();
    }, lifetimeMs).unref();
  if (args['exit-on-stdin-close'] === 'true') {
    process.stdin.on('end', stop);
    process.stdin.on('error', stop);
    process.stdin.resume();
  }
}

/** Collect a request body up to maxBytes; calls done(null) when it is larger. */
export function readBody(req, maxBytes, done) {
  const chunks = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > maxBytes) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on('end', () => done(tooLarge ? null : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
}
