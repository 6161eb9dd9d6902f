/** Run ids: a UTC timestamp plus 4 random hex digits, sortable and unique per machine. */
import { randomBytes } from 'node:crypto';

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}
