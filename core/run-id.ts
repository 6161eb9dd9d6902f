/** Run ids: a UTC timestamp plus 4 random hex digits, sortable and unique per machine. */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/** A run id whose default directory (results/<prefix><id>) does not exist yet, so the default --out never collides. */
export function freshRunId(prefix = ''): string {
  for (;;) {
    const id = `${prefix}${newRunId()}`;
    if (!existsSync(join('results', id))) return id;
  }
}
