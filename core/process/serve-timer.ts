// The precise timer, serve mode: one long-lived `wb-spawn --serve` per timer
// runs every sample, so each measurement starts from a warm helper (as
// hyperfine's do) rather than one exec'd a moment before, whose cold caches
// and page faults drifted our figures from hyperfine's under load. Samples are
// serialised (never overlap); a helper that dies or hangs is replaced on the
// next run; an idle helper is unref'd, so it never keeps Node alive.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { WasmbenchError } from '../errors.ts';
import { createCaptures, TailCapture } from './capture.ts';
import { helperBuildId } from './helper-build.ts';
import { HELPER_BACKUP_MS, parseHelperReport, toSample } from './helper-timer.ts';
import { assertValidRequest } from './request.ts';
import { encodeRequest, FrameReader } from './serve-protocol.ts';
import type { ProcessRequest, ProcessSample, ProcessTimer } from './types.ts';

/** After SIGTERM (whose handler kills the running child's group), how long before SIGKILL. */
const TERM_GRACE_MS = 1_000;

interface InFlight {
  req: ProcessRequest;
  captured: ReturnType<typeof createCaptures>;
  resolve(sample: ProcessSample): void;
  reject(err: Error): void;
  backup: NodeJS.Timeout;
}

// Helpers still running when Node exits get SIGTERM, so a child mid-sample dies too.
const live = new Set<ChildProcess>();
let exitHook = false;
function trackForExit(child: ChildProcess): void {
  live.add(child);
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const c of live) c.kill('SIGTERM');
  });
}

/** One `wb-spawn --serve` process; unusable (`dead`) after any failure. */
class ServeHelper {
  dead = false;
  private readonly child: ChildProcess;
  private readonly reader: FrameReader;
  private readonly stderrTail = new TailCapture(8192);
  private current: InFlight | null = null;

  constructor(helperPath: string) {
    this.child = spawn(helperPath, ['--serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.reader = new FrameReader({
      output: (stream, chunk) => this.current?.captured[stream === 1 ? 'stdout' : 'stderr'].push(chunk),
      report: (text) => this.finish(text),
    });
    this.child.stdout!.on('data', (chunk: Buffer) => {
      try {
        this.reader.push(chunk);
      } catch (err) {
        this.fail((err as Error).message);
      }
    });
    this.child.stderr!.on('data', (chunk: Buffer) => this.stderrTail.push(chunk));
    this.child.stdin!.on('error', () => {}); // EPIPE after a crash: 'close' says what happened
    this.child.on('error', (err) => this.fail(`could not start: ${err.message}`));
    this.child.on('close', (code, signal) => this.fail(`exited (${code ?? signal}) without a report`));
    trackForExit(this.child);
    this.setBusy(false);
  }

  run(req: ProcessRequest, frame: Buffer): Promise<ProcessSample> {
    return new Promise((resolve, reject) => {
      const limitMs = req.timeoutMs + HELPER_BACKUP_MS;
      // The helper enforces the real timeout; this only guards against a stuck helper.
      const backup = setTimeout(() => this.fail(`did not finish within ${limitMs} ms and was killed`), limitMs);
      this.current = { req, captured: createCaptures(), resolve, reject, backup };
      this.setBusy(true);
      this.child.stdin!.write(frame);
    });
  }

  /** Ends the helper: EOF on its stdin makes it exit once idle. */
  close(): void {
    this.dead = true;
    live.delete(this.child);
    this.child.stdin!.end();
    this.setBusy(false);
  }

  private finish(text: string): void {
    const cur = this.current;
    if (!cur) {
      this.fail('sent a report nobody asked for');
      return;
    }
    this.current = null;
    clearTimeout(cur.backup);
    this.setBusy(false);
    try {
      cur.resolve(toSample(parseHelperReport(text), cur.req, cur.captured.stdout.text(), cur.captured.stderr.text()));
    } catch (err) {
      this.fail((err as Error).message);
      cur.reject(err as Error);
    }
  }

  /** The helper can no longer be trusted: kill it and reject the sample in flight. */
  private fail(why: string): void {
    if (!this.dead || live.has(this.child)) {
      this.dead = true;
      live.delete(this.child);
      this.kill();
    }
    const cur = this.current;
    this.current = null;
    this.setBusy(false);
    if (!cur) return;
    clearTimeout(cur.backup);
    const stderr = this.stderrTail.text().slice(-500);
    cur.reject(new WasmbenchError(`wb-spawn helper ${why}; running ${cur.req.argv.join(' ')}; stderr: ${stderr}`));
  }

  private kill(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    setTimeout(() => {
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    }, TERM_GRACE_MS).unref();
  }

  /** Only a helper with a sample in flight may keep Node's event loop alive. */
  private setBusy(busy: boolean): void {
    const handles = [
      this.child,
      this.child.stdin as Socket | null,
      this.child.stdout as Socket | null,
      this.child.stderr as Socket | null,
    ];
    for (const h of handles) {
      if (busy) h?.ref();
      else h?.unref();
    }
  }
}

/** A timer keeping one serve-mode helper; `close()` ends it (optional, see ProcessTimer). */
export function createServeTimer(helperPath: string): ProcessTimer & { close(): void } {
  let helper: ServeHelper | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const runOne = async (req: ProcessRequest): Promise<ProcessSample> => {
    assertValidRequest(req); // inside the async function: a bad request rejects
    if (closed)
      throw new WasmbenchError(
        'the process timer was closed',
        undefined,
        'create a new timer with createProcessTimer()',
      );
    const frame = encodeRequest(req, req.env ?? process.env);
    if (helper === null || helper.dead) helper = new ServeHelper(helperPath);
    return helper.run(req, frame);
  };

  return {
    method: 'wait4-helper',
    helperMode: 'serve',
    helperBuildId: helperBuildId(helperPath),
    fallbackReason: null,
    run(req) {
      const sample = queue.then(() => runOne(req)); // one sample at a time, in call order
      queue = sample.catch(() => {});
      return sample;
    },
    close() {
      closed = true;
      helper?.close();
      helper = null;
    },
  };
}
