/**
 * `wasmbench report DIR`: re-render every output from DIR/results.json
 * alone, so reports can be rebuilt later or on another machine.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readResults } from '../core/results/read.ts';
import { samplesCsv, summaryCsv } from './csv.ts';

/** Writes the report files into `dir`; returns their names. */
export async function renderReports(dir: string): Promise<string[]> {
  const file = await readResults(dir);
  const outputs: [string, string][] = [
    ['samples.csv', samplesCsv(file)],
    ['summary.csv', summaryCsv(file)],
  ];
  for (const [name, text] of outputs) await writeFile(join(dir, name), text);
  return outputs.map(([name]) => name);
}
