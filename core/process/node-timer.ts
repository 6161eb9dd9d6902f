// The fallback timer, used when the wb-spawn helper cannot be built: Node's
// own spawn, timed from just before spawn() to the 'exit' event. Coarser than
// the helper (Node's spawn cost and event-loop latency are inside wallNs) and
// blind to the child's CPU time and peak RSS, which it reports as null.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createCaptures } from './capture.ts';
import { assertValidRequest } from './request.ts';
import { describeSpawnError } from './spawn-error.ts';
import type { ProcessRequest, ProcessSample, ProcessTimer } from './types.ts';

/** After the child exits, how long its (killed) descendants may hold our pipes. */
const CLOSE_GRACE_MS = 1_000;

// Node has no CLOCK_REALTIME in ns. performance.timeOrigin is the wall clock
// at process start with microsecond precision (Date.now() only gives ms), and
// performance.now() advances with the monotonic clock, so anchoring once and
// adding hrtime deltas gives realtime stamps with about 1 µs precision. They do
// not follow clock steps made after the anchor, like any monotonic-derived time.
const anchorMonoNs = process.hrtime.bigint();
const anchorRealNs = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n;

/** CLOCK_REALTIME (ns) at the moment `process.hrtime.bigint()` read `monoNs`. */
export function realtimeAt(monoNs: bigint): bigint {
  return anchorRealNs + (monoNs - anchorMonoNs);
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone, which is the normal case.
  }
}

function emptySample(): ProcessSample {
  return {
    method: 'node-spawn',
    wallNs: 0,
    firstOutputNs: null,
    spawnRealtimeNs: realtimeAt(process.hrtime.bigint()),
    userNs: null,
    sysNs: null,
    maxRssBytes: null,
    exitCode: null,
    signal: null,
    timedOut: false,
    spawnError: null,
    stdout: '',
    stderr: '',
  };
}

/** Spawns the child and settles once it has exited and its pipes are drained. */
function observe(req: ProcessRequest, stdin: number | 'ignore', resolve: (s: ProcessSample) => void): void {
  const captured = createCaptures();
  const sample = emptySample();
  const timers: NodeJS.Timeout[] = [];
  let settled = false;
  const finish = () => {
    if (settled) return;
    settled = true;
    timers.forEach(clearTimeout);
    resolve({ ...sample, stdout: captured.stdout.text(), stderr: captured.stderr.text() });
  };
  const t0 = process.hrtime.bigint();
  sample.spawnRealtimeNs = realtimeAt(t0);
  const elapsedNs = () => Number(process.hrtime.bigint() - t0);
  let child: ChildProcess;
  try {
    // detached: the child leads its own process group, so a timeout can kill its descendants too.
    child = spawn(req.argv[0], req.argv.slice(1), {
      stdio: [stdin, 'pipe', 'pipe'],
      env: req.env ?? process.env,
      cwd: req.cwd,
      detached: true,
    });
  } finally {
    if (typeof stdin === 'number') closeSync(stdin); // the child has its own copy
  }
  const [out, err] = [child.stdout!, child.stderr!]; // 'pipe' above: never null
  out.on('data', (chunk: Buffer) => {
    sample.firstOutputNs ??= elapsedNs();
    captured.stdout.push(chunk);
  });
  err.on('data', (chunk: Buffer) => captured.stderr.push(chunk));
  timers.push(
    setTimeout(() => {
      sample.timedOut = true;
      killGroup(child.pid);
    }, req.timeoutMs),
  );
  child.on('exit', (code, signal) => {
    Object.assign(sample, { wallNs: elapsedNs(), exitCode: code, signal });
    timers.forEach(clearTimeout);
    killGroup(child.pid); // leftovers must not outlive the sample (nor hold our pipes open)
    timers.push(
      setTimeout(() => {
        out.destroy();
        err.destroy();
        finish();
      }, CLOSE_GRACE_MS),
    );
  });
  child.on('close', finish);
  child.on('error', (error) => {
    if (child.pid !== undefined) return; // spawn succeeded; a later error changes nothing we measure
    Object.assign(sample, { wallNs: elapsedNs(), spawnError: describeSpawnError(error, req) });
    finish();
  });
}

async function runWithNode(req: ProcessRequest): Promise<ProcessSample> {
  assertValidRequest(req); // async: a bad request rejects rather than throws
  let stdin: number | 'ignore' = 'ignore';
  try {
    if (req.stdinFile !== undefined) stdin = openSync(req.stdinFile, 'r');
  } catch (err) {
    return { ...emptySample(), spawnError: `cannot open stdin ${req.stdinFile}: ${(err as Error).message}` };
  }
  return new Promise((resolve) => observe(req, stdin, resolve));
}

export function createNodeTimer(fallbackReason: string | null): ProcessTimer {
  return { method: 'node-spawn', fallbackReason, run: runWithNode };
}
