// A workload's preopened dir and guest env reach the guest on every runtime
// that has flags for them: a hand-written C program (built here with the
// repo's clang wasm32-wasi toolchain) prints a file it reads through the
// preopen and an env var; its expected output is checked on every sample.
// Real CLI runtimes are used when on PATH or in /opt/wasm-rt/bin (CI has
// none: then only node runs); wasm3 has no such flags and is skipped.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { ResultsFile } from '../../core/results/model.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/wasmbench.mjs');
const PATH = [process.env.PATH ?? '', '/opt/wasm-rt/bin'].join(delimiter);
const CLIS = ['wasmer', 'wasmedge', 'wasm3', 'iwasm', 'wazero'];

const SOURCE = `#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  if (argc < 2) return 2;
  FILE *f = fopen(argv[1], "r");
  if (!f) { perror(argv[1]); return 1; }
  char line[256];
  while (fgets(line, sizeof line, f)) fputs(line, stdout);
  fclose(f);
  const char *v = getenv("WB_GREETING");
  printf("WB_GREETING=%s\\n", v ? v : "(unset)");
  return 0;
}
`;

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wb-guest-options-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const onPath = (id: string) => spawnSync('which', [id], { env: { PATH } }).status === 0;

test('preopened dir and guest env on node and every CLI runtime found; wasm3 skipped with its reason', {
  timeout: 600_000,
}, async (t) => {
  const clang = process.env.WASM_CC || 'clang';
  const wasm = join(dir, 'direnv.wasm');
  const built = spawnSync(clang, ['--target=wasm32-wasi', '-O2', '-o', wasm, '-x', 'c', '-'], {
    input: SOURCE,
    encoding: 'utf8',
  });
  if (built.error) return t.skip(`${clang} not found (apt-get install clang lld wasi-libc)`);
  assert.equal(built.status, 0, built.stderr);
  await mkdir(join(dir, 'inputs'));
  await writeFile(join(dir, 'inputs/in.txt'), 'read through the preopen\n');
  await writeFile(
    join(dir, 'bench.config.ts'),
    `export default {
  workloads: [{ wasm: 'direnv.wasm', args: ['data/in.txt'], dirs: [{ host: 'inputs', guest: 'data' }],
    env: { WB_GREETING: 'hello env' }, expectedStdout: 'read through the preopen\\nWB_GREETING=hello env\\n' }],
};\n`,
  );
  const found = CLIS.filter(onPath);
  const out = join(dir, 'out');
  const r = spawnSync(
    process.execPath,
    [BIN, 'run', '--runtime', ['node', ...CLIS].join(','), '--out', out, '--profile', 'quick'].concat([
      '--iterations',
      '1',
      '--warmups',
      '0',
      '--no-report',
      '--mode',
      'interpreter,tiered',
    ]),
    { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH }, timeout: 600_000 },
  );
  assert.equal(r.status, 0, r.stderr);
  const cases = (JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as ResultsFile).cases;
  const node = cases.find((c) => c.runtime === 'node' && c.mode === 'tiered');
  assert.equal(node?.status, 'ok', node?.reason ?? JSON.stringify(node?.errors));
  assert.match(node?.workload?.dirsReadWrite ?? '', /node:wasi/);
  for (const id of found) {
    const mine = cases.filter((c) => c.runtime === id && c.status !== 'skipped');
    if (id === 'wasm3') {
      const skipped = cases.find((c) => c.runtime === 'wasm3');
      assert.equal(skipped?.status, 'skipped');
      assert.match(skipped?.reason ?? '', /wasm3 has no flags for preopened dirs or guest env/);
      continue;
    }
    assert.ok(mine.length > 0, `${id}: no case ran (${cases.filter((c) => c.runtime === id).map((c) => c.reason)})`);
    for (const c of mine) assert.equal(c.status, 'ok', `${c.id}: ${JSON.stringify(c.errors)}`);
  }
  const missing = CLIS.filter((id) => !found.includes(id));
  if (missing.length) t.diagnostic(`not on PATH or in /opt/wasm-rt/bin, not checked: ${missing.join(', ')}`);
});
