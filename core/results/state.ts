/**
 * Whether a results file is complete, in one sentence for every reader:
 * report, compare, gate and merge print it, report.html and summary.md
 * show it as a banner, and gate/compare refuse an incomplete file unless
 * told otherwise.
 */
import type { ResultsFile } from './schema.ts';
import type { Recovery } from './recover.ts';

export function isComplete(file: ResultsFile): boolean {
  return file.state === 'complete';
}

/** Null for a complete run, else what is missing and why. */
export function stateNote(file: ResultsFile): string | null {
  if (file.state === 'complete') return null;
  const cut = file.cases.filter((c) => c.incomplete).length;
  const cases = cut ? `; ${cut} case(s) have fewer samples than planned` : '';
  if (file.state === 'running')
    return `still running${file.pid ? ` (pid ${file.pid})` : ''}: these are the figures so far${cases}`;
  if (file.recovered)
    return `interrupted: the run was killed before it finished; every sample that reached samples.jsonl was recovered${cases}`;
  return `interrupted before it finished (Ctrl-C or a signal)${cases}`;
}

/** What a reader prints about a file it loaded: `<path>: <state note> (<what recovery read back>)`; null when complete. */
export function loadedNote({
  path,
  file,
  recovery,
}: {
  path: string;
  file: ResultsFile;
  recovery?: Recovery;
}): string | null {
  const note = stateNote(file);
  if (!note) return null;
  if (!recovery) return `${path}: ${note}`;
  const source = recovery.log
    ? `${recovery.samplesAdded} sample(s) read back from ${recovery.log} that results.json lacked`
    : 'no samples.jsonl was found: only the samples in results.json remain';
  const skipped = recovery.linesSkipped ? `; ${recovery.linesSkipped} unreadable line(s) skipped` : '';
  return `${path}: ${note} (${source}${skipped})`;
}
