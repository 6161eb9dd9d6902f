// Import boundaries: data flows config -> plan -> suites (through runners) -> results -> reports.
// core/ runs the suites and adapters it is given, so it imports neither suites/ nor a concrete
// runner; a command in cli/commands/ holds no logic another command imports (a registrar chains them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The runner contract and the list of ids are data any layer may read. */
const RUNNER_CONTRACT = new Set(['runners/types.ts', 'runners/ids.ts', 'runners/mode-notes.ts']);
/** cli/commands modules that register or share, rather than being a command. */
const NOT_COMMANDS = new Set(['cli/commands/compare-register.ts', 'cli/commands/gate-options.ts']);

interface Import {
  from: string;
  target: string;
  typeOnly: boolean;
}

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(join(ROOT, rel)).isDirectory()) return tsFiles(rel);
    return rel.endsWith('.ts') ? [rel] : [];
  });
}

/** Relative imports (static, re-exports and dynamic) of one file, resolved to repo paths. */
export function importsOf(file: string, source = readFileSync(join(ROOT, file), 'utf8')): Import[] {
  const found: Import[] = [];
  const pattern =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of source.matchAll(pattern)) {
    const spec = m[3] ?? m[4];
    if (!spec.startsWith('.')) continue;
    const target = relative(ROOT, resolve(ROOT, dirname(file), spec));
    found.push({ from: file, target, typeOnly: Boolean(m[2]) });
  }
  return found;
}

function violations(files: string[], bad: (i: Import) => boolean): string[] {
  return files.flatMap((f) =>
    importsOf(f)
      .filter(bad)
      .map((i) => `${i.from} -> ${i.target}`),
  );
}

test('the import parser sees static, type, re-export and dynamic imports', () => {
  const src =
    "import { a } from '../suites/x.ts';\nimport type { B } from './b.ts';\nexport * from '../runners/node.ts';\nconst m = await import('./ab.ts');\nimport { z } from 'zod';";
  assert.deepEqual(
    importsOf('core/run.ts', src).map((i) => `${i.target}${i.typeOnly ? ' (type)' : ''}`),
    ['suites/x.ts', 'core/b.ts (type)', 'runners/node.ts', 'core/ab.ts'],
  );
});

test('core/ imports neither suites/ nor a concrete runner', () => {
  const bad = violations(
    tsFiles('core'),
    (i) => i.target.startsWith('suites/') || (i.target.startsWith('runners/') && !RUNNER_CONTRACT.has(i.target)),
  );
  assert.deepEqual(bad, []);
});

test("no command in cli/commands imports another command's logic", () => {
  const commands = tsFiles('cli/commands').filter((f) => !NOT_COMMANDS.has(f));
  const bad = violations(
    commands,
    (i) => !i.typeOnly && i.target.startsWith('cli/commands/') && !NOT_COMMANDS.has(i.target),
  );
  assert.deepEqual(bad, []);
});
