/**
 * A server under test as its own process (own process group, so the cgi
 * server's per-request children die with it). It is ready when it prints
 * "listening HOST:PORT" (our servers, bound to port 0: no port race) or,
 * for third-party servers, when a TCP connect to the port it was given works.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';

const STDERR_TAIL_BYTES = 2000;
const LISTENING = /^listening (\S+):(\d+)$/m;

export interface ServerSpec {
  argv: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** 'announce': the server prints "listening HOST:PORT". A number: probe that port. */
  readiness: 'announce' | number;
}

export interface RunningServer {
  pid: number;
  port: number;
  stderrTail(): string;
  /** Null while running; how it ended once it has exited. */
  exitDescription(): string | null;
  stop(): Promise<void>;
}

/** A port that was free a moment ago (for servers that cannot bind port 0 and report it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

const live = new Set<ChildProcess>();
// A crash or Ctrl-C of wasmbench must not leave servers listening.
process.once('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});

export async function startServer(spec: ServerSpec, startTimeoutMs: number): Promise<RunningServer> {
  const [file, ...args] = spec.argv;
  const child = spawn(file, args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  live.add(child);
  let stdout = '';
  let stderr = '';
  let exit: string | null = null;
  child.stdout!.on('data', (chunk) => {
    stdout = (stdout + chunk).slice(-STDERR_TAIL_BYTES);
  });
  child.stderr!.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES);
  });
  const exited = new Promise<void>((resolve) => {
    child.once('error', (err) => {
      exit = `could not start ${file}: ${err.message}`;
      resolve();
    });
    child.once('exit', (code, signal) => {
      exit = signal ? `killed by ${signal}` : `exited with code ${code}`;
      resolve();
    });
  }).finally(() => live.delete(child));
  const server: RunningServer = {
    pid: child.pid ?? -1,
    port: 0,
    stderrTail: () => stderr,
    exitDescription: () => exit,
    async stop() {
      if (exit !== null) return;
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
      killGroup(child, 'SIGKILL'); // stray children of a cgi server
    },
  };
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (exit !== null) throw new Error(`server ${exit} before listening; stderr: ${stderr.trim() || '(empty)'}`);
    if (spec.readiness === 'announce') {
      const match = LISTENING.exec(stdout);
      if (match) return { ...server, port: Number(match[2]) };
    } else if (await canConnect(spec.readiness)) {
      return { ...server, port: spec.readiness };
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await server.stop();
  throw new Error(`server did not listen within ${startTimeoutMs} ms; stderr: ${stderr.trim() || '(empty)'}`);
}
