/**
 * Progress on stderr: a bar on a terminal, plain lines in CI. It only
 * listens to run events; the loop never prints. The bar is redrawn from the
 * sample events themselves (at most 5 times a second), never from a timer:
 * a redraw timer (cli-progress draws at 10 fps) would wake this process
 * while a child is being timed.
 */
import type { RunEventBus } from '../core/events.ts';

const REDRAW_MS = 200;
const BAR_WIDTH = 30;

/** A one-line bar drawn only when asked, so it never runs while a sample is timed. */
class EventBar {
  private lastDrawMs = 0;
  private drawn = false;

  constructor(
    private readonly suite: string,
    private readonly total: number,
  ) {}

  update(done: number, caseId: string, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastDrawMs < REDRAW_MS) return;
    this.lastDrawMs = now;
    const filled = this.total ? Math.round((done / this.total) * BAR_WIDTH) : BAR_WIDTH;
    const line = `${this.suite} [${'\u2588'.repeat(filled)}${'\u2591'.repeat(BAR_WIDTH - filled)}] ${done}/${this.total} samples | ${caseId}`;
    process.stderr.write(`\r\x1b[2K${line.slice(0, Math.max((process.stderr.columns ?? 120) - 1, 20))}`);
    this.drawn = true;
  }

  stop(): void {
    if (this.drawn) process.stderr.write('\r\x1b[2K');
    this.drawn = false;
  }
}

export interface ProgressHandle {
  stop(): void;
}

function formatEstimate(ms: number | null): string {
  if (ms === null) return '';
  return ms >= 60_000 ? `, about ${(ms / 60_000).toFixed(1)} min` : `, about ${Math.ceil(ms / 1000)} s`;
}

export function attachProgress(bus: RunEventBus, options: { interactive: boolean }): ProgressHandle {
  const write = (line: string) => process.stderr.write(line + '\n');
  let bar: EventBar | null = null;
  let done = 0;
  let total = 0;
  let lastPlainPercent = -1;
  let lastCase = '';
  // Clear the bar's line first, then redraw it below the message.
  const log = (line: string) => {
    write(bar ? `\r\x1b[2K${line}` : line);
    bar?.update(done, lastCase, true);
  };

  bus.on('suite-start', ({ suite, cases, samples, estimateMs }) => {
    done = 0;
    total = samples;
    write(`${suite}: ${cases} case(s), ${samples} sample(s)${formatEstimate(estimateMs)}`);
    if (options.interactive && samples > 0) {
      bar = new EventBar(suite, samples);
      bar.update(0, '', true);
    }
  });
  const advance = (caseId: string) => {
    done++;
    lastCase = caseId;
    if (bar) return bar.update(done, caseId, done === total);
    const percent = total ? Math.floor((done / total) * 10) * 10 : 100;
    if (percent !== lastPlainPercent) {
      lastPlainPercent = percent;
      write(`  ${done}/${total} samples (${percent}%)`);
    }
  };
  bus.on('sample', ({ caseId }) => advance(caseId));
  bus.on('sample-error', ({ caseId, phase, error }) => {
    advance(caseId);
    log(`  ! ${caseId} ${phase} sample ${error.index}: ${error.kind}: ${error.message}`);
  });
  // Only slow preparations are worth a line: one-time native builds, precompilation.
  bus.on('case-prepared', ({ caseId, prepareMs }) => {
    if (prepareMs > 2000)
      log(`  prepared ${caseId} in ${(prepareMs / 1000).toFixed(1)} s (untimed; cached for later runs where possible)`);
  });
  bus.on('case-skipped', ({ caseId, reason }) => log(`  - ${caseId}: ${reason}`));
  bus.on('case-done', ({ caseId, status, reason }) => {
    if (status !== 'ok') log(`  x ${caseId}: ${status}${reason ? `: ${reason}` : ''}`);
  });
  bus.on('suite-done', () => {
    bar?.stop();
    bar = null;
  });
  bus.on('message', ({ level, text }) => log(`${level === 'warn' ? 'warning: ' : ''}${text}`));
  return { stop: () => bar?.stop() };
}
