/**
 * Target: `wasmbench run --suite startup --runtime node,native --profile quick`
 * finishes in under 60 s, including a first run on a fresh machine. The run
 * uses an empty private cache (XDG_CACHE_HOME), so the spawn helper and the
 * native fixtures are built as on a new machine, then runs again warm.
 *
 * usage: npx tsx bench/quick-profile.ts     exit 1 when a run takes >= 60 s
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/wasmbench.mjs', import.meta.url));
const LIMIT_S = 60;

function timedRun(label: string, cacheHome: string, out: string): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [BIN, 'run', '--suite', 'startup', '--runtime', 'node,native', '--profile', 'quick', '--out', out],
    { env: { ...process.env, XDG_CACHE_HOME: cacheHome, CI: 'true' }, encoding: 'utf8' },
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const verdict = r.stdout.split('\n').find((line) => /^\d+ case\(s\): /.test(line)) ?? '';
  console.log(`${label.padEnd(28)} ${seconds.toFixed(1)} s  exit ${r.status}  ${verdict.trim()}`);
  if (r.status !== 0) console.log(r.stderr.slice(-2000));
  return seconds;
}

const scratch = mkdtempSync(join(tmpdir(), 'wb-quick-'));
try {
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on this machine`,
  );
  const cold = timedRun('first run (empty cache)', join(scratch, 'cache'), join(scratch, 'out1'));
  const warm = timedRun('second run (cache filled)', join(scratch, 'cache'), join(scratch, 'out2'));
  const worst = Math.max(cold, warm);
  console.log(`slowest ${worst.toFixed(1)} s (limit ${LIMIT_S} s)`);
  process.exitCode = worst < LIMIT_S ? 0 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
