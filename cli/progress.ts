/**
 * Progress on stderr: a bar on a terminal, plain lines in CI. It only
 * listens to run events; the loop never prints.
 */
import cliProgress from 'cli-progress';
import type { RunEventBus } from '../core/events.ts';

export interface ProgressHandle {
  stop(): void;
}

function formatEstimate(ms: number | null): string {
  if (ms === null) return '';
  return ms >= 60_000 ? `, about ${(ms / 60_000).toFixed(1)} min` : `, about ${Math.ceil(ms / 1000)} s`;
}

export function attachProgress(bus: RunEventBus, options: { interactive: boolean }): ProgressHandle {
  const write = (line: string) => process.stderr.write(line + '\n');
  let bar: cliProgress.SingleBar | null = null;
  let done = 0;
  let total = 0;
  let lastPlainPercent = -1;
  // Clear the bar's line first; the next update redraws it below the message.
  const log = (line: string) => write(bar ? `\r\x1b[2K${line}` : line);

  bus.on('suite-start', ({ suite, cases, samples, estimateMs }) => {
    done = 0;
    total = samples;
    write(`${suite}: ${cases} case(s), ${samples} sample(s)${formatEstimate(estimateMs)}`);
    if (options.interactive && samples > 0) {
      bar = new cliProgress.SingleBar({ format: `${suite} [{bar}] {value}/{total} samples | {case}`, hideCursor: true, stream: process.stderr, clearOnComplete: true }, cliProgress.Presets.shades_classic);
      bar.start(samples, 0, { case: '' });
    }
  });
  const advance = (caseId: string) => {
    done++;
    if (bar) return bar.update(done, { case: caseId });
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
    if (prepareMs > 2000) log(`  prepared ${caseId} in ${(prepareMs / 1000).toFixed(1)} s (untimed; cached for later runs where possible)`);
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
