/**
 * HdrHistogram percentile-distribution text (.hgrm) for every metric that
 * carries a histogram, loadable by the standard HdrHistogram plotter.
 * Values are in the metric's unit (ns or us); a negative offset is stated in
 * a leading `#` comment (see stats/histogram.ts).
 */
import type { ResultsFile } from '../core/results/model.ts';
import { decodeHistogram } from '../stats/histogram.ts';

export interface HgrmFile {
  /** File name under histograms/, e.g. `startup_node_tiered_cold_hello.wallNs.hgrm`. */
  name: string;
  caseId: string;
  metric: string;
  text: string;
}

/** A case id as a file name: path separators and anything unusual become `_`. */
export function safeFileStem(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'case';
}

export function hgrmFiles(file: ResultsFile): HgrmFile[] {
  const out: HgrmFile[] = [];
  const used = new Set<string>();
  for (const c of file.cases) {
    for (const [metric, m] of Object.entries(c.metrics ?? {})) {
      if (!m.histogram) continue;
      let name = `${safeFileStem(c.id)}.${metric}.hgrm`;
      for (let i = 2; used.has(name); i++) name = `${safeFileStem(c.id)}-${i}.${metric}.hgrm`;
      used.add(name);
      const header = `# wasmbench ${file.runId} case ${c.id} metric ${metric}: values in ${m.histogram.unit}\n`;
      out.push({ name, caseId: c.id, metric, text: header + decodeHistogram(m.histogram).toHgrm() });
    }
  }
  return out;
}
