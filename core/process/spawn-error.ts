// Node reports a missing cwd as "spawn <program> ENOENT", which blames the
// program; say what actually went wrong.
import { existsSync } from 'node:fs';
import type { ProcessRequest } from './types.ts';

export function describeSpawnError(err: NodeJS.ErrnoException, req: ProcessRequest, program = req.argv[0]): string {
  if (err.code === 'ENOENT' && req.cwd !== undefined && !existsSync(req.cwd)) {
    return `working directory ${req.cwd} does not exist`;
  }
  return `${program}: ${err.message}`;
}
