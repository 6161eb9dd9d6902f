// The precise timer, one-shot mode: Node spawns the wb-spawn helper
// (spawn-helper.c) once per sample; it times the child from posix_spawnp to
// wait4 and reports on fd 3. Node's own spawn cost lands outside the measured
// interval. serve-timer.ts keeps one helper for many samples instead; this is
// its fallback. The report parsing here is shared by both.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { WasmbenchError } from '../errors.ts';
import { createCaptures } from './capture.ts';
import { helperBuildId } from './helper-build.ts';
import { assertValidRequest } from './request.ts';
import { describeSpawnError } from './spawn-error.ts';
import type { ProcessRequest, ProcessSample, ProcessTimer } from './types.ts';

/** Extra time the helper gets beyond the child's timeout before we kill it. */
export const HELPER_BACKUP_MS = 5_000;

/** What the helper writes on fd 3 (one JSON line): a ProcessSample without the captured output, the realtime stamp as a decimal string. */
export type HelperReport = Omit<ProcessSample, 'method' | 'stdout' | 'stderr' | 'spawnRealtimeNs'> & {
  spawnRealtimeNs: string;
};

const FIELD_TYPES: Record<keyof HelperReport, string[]> = {
  wallNs: ['number'],
  firstOutputNs: ['number', 'null'],
  spawnRealtimeNs: ['string'],
  userNs: ['number', 'null'],
  sysNs: ['number', 'null'],
  maxRssBytes: ['number', 'null'],
  exitCode: ['number', 'null'],
  signal: ['string', 'null'],
  timedOut: ['boolean'],
  spawnError: ['string', 'null'],
};

/** Parses and checks the fd-3 line; throws naming the bad field. */
export function parseHelperReport(text: string): HelperReport {
  const value = JSON.parse(text.trim()) as Record<string, unknown>;
  for (const [key, types] of Object.entries(FIELD_TYPES)) {
    const actual = value[key] === null ? 'null' : typeof value[key];
    if (!types.includes(actual)) throw new Error(`wb-spawn report: ${key} is ${actual}, expected ${types.join('|')}`);
  }
  if (!/^\d+$/.test(value.spawnRealtimeNs as string)) throw new Error('wb-spawn report: bad spawnRealtimeNs');
  return value as unknown as HelperReport;
}

/** The helper's command line for one request. */
export function helperArgs(req: ProcessRequest): string[] {
  const args = ['--timeout-ms', String(Math.max(0, Math.ceil(req.timeoutMs)))];
  if (req.stdinFile !== undefined) args.push('--stdin', req.stdinFile);
  return [...args, '--', ...req.argv];
}

export function toSample(r: HelperReport, req: ProcessRequest, stdout: string, stderr: string): ProcessSample {
  return {
    method: 'wait4-helper',
    wallNs: r.wallNs,
    firstOutputNs: r.firstOutputNs,
    spawnRealtimeNs: BigInt(r.spawnRealtimeNs),
    userNs: r.userNs,
    sysNs: r.sysNs,
    maxRssBytes: r.maxRssBytes,
    exitCode: r.exitCode,
    signal: r.signal,
    timedOut: r.timedOut,
    spawnError: r.spawnError === null ? null : `${req.argv[0]}: ${r.spawnError}`,
    stdout,
    stderr,
  };
}

/** A sample in which nothing ran: the helper itself could not start (most likely a missing cwd). */
export function notStarted(error: string): ProcessSample {
  return {
    method: 'wait4-helper',
    wallNs: 0,
    firstOutputNs: null,
    spawnRealtimeNs: BigInt(Date.now()) * 1_000_000n,
    userNs: null,
    sysNs: null,
    maxRssBytes: null,
    exitCode: null,
    signal: null,
    timedOut: false,
    spawnError: error,
    stdout: '',
    stderr: '',
  };
}

async function runWithHelper(helperPath: string, req: ProcessRequest): Promise<ProcessSample> {
  assertValidRequest(req); // async: a bad request rejects rather than throws
  return new Promise((resolve, reject) => {
    const child = spawn(helperPath, helperArgs(req), {
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      env: req.env ?? process.env,
      cwd: req.cwd,
    });
    const captured = createCaptures();
    const report: Buffer[] = [];
    let helperHung = false;
    child.stdout!.on('data', (chunk: Buffer) => captured.stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => captured.stderr.push(chunk));
    (child.stdio[3] as Readable).on('data', (chunk: Buffer) => report.push(chunk));
    // The helper enforces the real timeout; this only guards against a stuck helper.
    const backup = setTimeout(() => {
      helperHung = true;
      child.kill('SIGKILL');
    }, req.timeoutMs + HELPER_BACKUP_MS);
    child.on('error', (err) => {
      clearTimeout(backup);
      if (child.pid === undefined) resolve(notStarted(describeSpawnError(err, req, 'wb-spawn helper')));
    });
    child.on('close', (code, signal) => {
      clearTimeout(backup);
      if (child.pid === undefined) return; // 'error' already answered
      const text = Buffer.concat(report).toString('utf8');
      if (helperHung || !text.trim()) {
        const why = helperHung
          ? `did not finish within ${req.timeoutMs + HELPER_BACKUP_MS} ms and was killed`
          : `exited (${code ?? signal}) without a report`;
        reject(
          new WasmbenchError(
            `wb-spawn helper ${why}; running ${req.argv.join(' ')}; stderr: ${captured.stderr.text().slice(-500)}`,
          ),
        );
        return;
      }
      try {
        resolve(toSample(parseHelperReport(text), req, captured.stdout.text(), captured.stderr.text()));
      } catch (err) {
        reject(err);
      }
    });
  });
}

export function createHelperTimer(helperPath: string): ProcessTimer {
  return {
    method: 'wait4-helper',
    helperMode: 'per-sample',
    helperBuildId: helperBuildId(helperPath),
    fallbackReason: null,
    run: (req) => runWithHelper(helperPath, req),
  };
}
