// The wasmbench command line as a user runs it: exit codes, doctor, Ctrl-C.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/wasmbench.mjs', import.meta.url));

function cli(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
}

test('an unknown suite exits 2 and lists the valid ones', () => {
  const r = cli(['run', '--suite', 'startpu', '--out', join(tmpdir(), 'never')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /suites\.0: got "startpu"; use one of "startup", "sleep-jitter", "throughput"/);
});

test('an unknown runtime and an unknown flag exit 2', () => {
  const runtime = cli(['run', '--runtime', 'node,v8']);
  assert.equal(runtime.status, 2);
  assert.match(runtime.stderr, /runtimes\.1: got "v8"; use one of "node", "native"/);
  const flag = cli(['run', '--colour', 'red']);
  assert.equal(flag.status, 2);
  assert.match(flag.stderr, /unknown option '--colour'/);
});

test('an unknown config key in a config file exits 2 naming the key', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'wasmbench-cfg-'));
  const path = join(dir, 'bench.config.mjs');
  await import('node:fs/promises').then((fs) =>
    fs.writeFile(path, 'export default { runtimes: ["node"], iteratoins: 5 };\n'),
  );
  const r = cli(['run', '--config', path]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown key\(s\) "iteratoins"/);
});

test('--help explains the run options', () => {
  const r = cli(['run', '--help']);
  assert.equal(r.status, 0);
  for (const flag of ['--suite', '--runtime', '--mode', '--profile', '--out', '--iterations', '--seed'])
    assert.match(r.stdout, new RegExp(flag));
});

test('doctor --json lists every runtime with the documented fields', () => {
  const r = cli(['doctor', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const { runtimes } = JSON.parse(r.stdout) as { runtimes: Record<string, unknown>[] };
  const node = runtimes.find((rt) => rt.id === 'node')!;
  for (const key of ['id', 'available', 'version', 'path', 'host', 'arch', 'modes', 'reason', 'install'])
    assert.ok(key in node, key);
  assert.equal(node.available, true);
  assert.match(String(node.version), /^\d+\.\d+\.\d+/);
  for (const rt of runtimes.filter((x) => !x.available)) {
    assert.ok(rt.reason && rt.install, `${String(rt.id)} says why it is missing and how to install it`);
  }
});

test('Ctrl-C leaves a results.json that report can read', { timeout: 120_000 }, async () => {
  const out = await mkdtemp(join(tmpdir(), 'wasmbench-int-'));
  const child = spawn(
    process.execPath,
    [BIN, 'run', '--runtime', 'native', '--fixture', 'hello', '--iterations', '100000', '--warmups', '0', '--out', out],
    { env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Wait until samples are being written, then interrupt.
  for (let i = 0; i < 600; i++) {
    const size = await stat(join(out, 'samples.jsonl')).then(
      (s) => s.size,
      () => 0,
    );
    if (size > 2000) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGINT');
  const code = await exited;
  assert.equal(code, 130, 'an interrupted run is not a clean pass: 128 + SIGINT, as npx gives (docs/reliability.md)');
  const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
  assert.equal(results.state, 'interrupted');
  assert.ok(results.cases[0].metrics.wallNs.samples.length > 0, 'samples taken before Ctrl-C are kept');
  const report = cli(['report', out]);
  assert.equal(report.status, 0, report.stderr);
  assert.match(report.stdout, /native aot\(cc -O2\) precompiled hello/);
});

test('a bench.config.ts outside any ESM package loads and is validated', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'wasmbench-tscfg-'));
  const { writeFile } = await import('node:fs/promises');
  await writeFile(
    join(dir, 'bench.config.ts'),
    "const n: number = 3;\nexport default { runtimes: ['native'], iteratoins: n };\n",
  );
  const r = cli(['run', '--config', join(dir, 'bench.config.ts')]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /unknown key\(s\) "iteratoins"/);
});
