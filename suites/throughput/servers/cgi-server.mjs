// The cgi variant: one process per request, WAGI-style (request body on
// stdin, CGI response on stdout), for any runtime adapter's command. This
// makes every runtime, and native, comparable as a function host.
//
// usage: node cgi-server.mjs --command JSON [--env JSON] [--cwd DIR]
//          [--port 0] [--host 127.0.0.1] [--request-timeout-ms 10000]
//          [--max-lifetime-ms N] [--exit-on-stdin-close]
//          [--instance-token NAME] [--cleanup JSON]
// --command is the argv (JSON array) of one handler run, argv[0] absolute.
// --instance-token: a name in --command (and --cleanup) that must be unique
// per run (a container name); each request replaces it with NAME-r<n>.
// --cleanup: argv run after a handler that did not exit 0 (e.g. removing
// its container, which outlives a killed engine process).
// prints "listening HOST:PORT" on stdout once it accepts connections.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { MAX_BODY_BYTES } from './handler.mjs';
import { parseCgiResponse } from './cgi-response.mjs';
import { announceAndBound, intArg, loopbackHost, parseArgs, readBody } from './server-args.mjs';

const STDERR_TAIL = 1000;

function jsonArg(args, key, fallback) {
  if (args[key] === undefined) return fallback;
  try {
    return JSON.parse(args[key]);
  } catch (err) {
    throw new Error(`--${key} must be JSON: ${err.message}`);
  }
}

/** The WAGI/CGI environment of one request. */
function cgiEnv(req, body, port) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const env = {
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
    SERVER_SOFTWARE: 'wasmbench-cgi',
    SERVER_NAME: '127.0.0.1',
    SERVER_PORT: String(port),
    REMOTE_ADDR: req.socket.remoteAddress ?? '',
    REQUEST_METHOD: req.method ?? 'GET',
    PATH_INFO: url.pathname,
    QUERY_STRING: url.search.slice(1),
    CONTENT_LENGTH: String(body.length),
    CONTENT_TYPE: req.headers['content-type'] ?? '',
  };
  for (const [name, value] of Object.entries(req.headers)) {
    env[`HTTP_${name.toUpperCase().replaceAll('-', '_')}`] = Array.isArray(value) ? value.join(', ') : (value ?? '');
  }
  return env;
}

function fail(res, status, why, stderr) {
  process.stderr.write(`cgi: ${why}${stderr ? `; stderr: ${stderr.slice(-STDERR_TAIL)}` : ''}\n`);
  if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain' }).end(`${why}\n`);
}

let requests = 0;

/** The command (and its clean-up) of one request, with the instance token made unique. */
function perRequest(opts) {
  if (!opts.token) return { command: opts.command, cleanup: opts.cleanup };
  requests += 1;
  const name = `${opts.token}-r${requests}`;
  const swap = (argv) => argv?.map((a) => a.replaceAll(opts.token, name));
  return { command: swap(opts.command), cleanup: swap(opts.cleanup) };
}

function runCleanup(cleanup) {
  if (!cleanup) return;
  const [file, ...argv] = cleanup;
  spawn(file, argv, { stdio: 'ignore' }).on('error', (e) =>
    process.stderr.write(`cgi: clean-up ${file} failed: ${e.message}\n`),
  );
}

function runHandler(opts, req, res, body) {
  const { command, cleanup } = perRequest(opts);
  const [file, ...argv] = command;
  const child = spawn(file, argv, {
    cwd: opts.cwd,
    env: { ...opts.env, ...cgiEnv(req, body, opts.port) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out = [];
  let err = '';
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
  child.stdout.on('data', (c) => out.push(c));
  child.stderr.on('data', (c) => {
    err = (err + c).slice(-STDERR_TAIL);
  });
  child.stdin.on('error', () => {}); // a handler that exits without reading stdin is judged by its exit status
  child.stdin.end(body);
  child.on('error', (e) => {
    clearTimeout(timer);
    fail(res, 502, `cannot start ${file}: ${e.message}`, '');
  });
  child.on('close', (code, signal) => {
    clearTimeout(timer);
    if (signal || code !== 0) runCleanup(cleanup);
    if (signal)
      return fail(
        res,
        signal === 'SIGKILL' ? 504 : 502,
        `handler killed by ${signal}${signal === 'SIGKILL' ? ` (timeout ${opts.timeoutMs} ms)` : ''}`,
        err,
      );
    if (code !== 0) return fail(res, 502, `handler exited with code ${code}`, err);
    let parsed;
    try {
      parsed = parseCgiResponse(Buffer.concat(out));
    } catch (e) {
      return fail(res, 502, `bad CGI response: ${e.message}`, err);
    }
    const headers = Object.fromEntries(parsed.headers.filter(([n]) => n.toLowerCase() !== 'content-length'));
    res.writeHead(parsed.status, { ...headers, 'content-length': parsed.body.length }).end(parsed.body);
  });
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const host = loopbackHost(args);
  const command = jsonArg(args, 'command', null);
  if (!Array.isArray(command) || command.length === 0 || !command.every((a) => typeof a === 'string')) {
    throw new Error('--command must be a JSON array of strings: the argv of one handler run');
  }
  const opts = {
    command,
    env: jsonArg(args, 'env', {}),
    cwd: args.cwd ?? process.cwd(),
    port: 0,
    token: args['instance-token'] ?? null,
    cleanup: jsonArg(args, 'cleanup', null),
    timeoutMs: intArg(args, 'request-timeout-ms', 10_000, 1, 3_600_000),
  };
  const server = createServer((req, res) => {
    readBody(req, MAX_BODY_BYTES, (body) => {
      if (body === null)
        return void res
          .writeHead(413, { 'content-type': 'text/plain' })
          .end(`body larger than ${MAX_BODY_BYTES} bytes\n`);
      runHandler(opts, req, res, body);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('error', (err) => {
    process.stderr.write(`server error: ${err.message}\n`);
    process.exit(1);
  });
  server.listen(intArg(args, 'port', 0, 0, 65535), host, () => {
    opts.port = server.address().port;
    announceAndBound(server, args);
  });
}

try {
  main();
} catch (err) {
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
}
