// A user's own CGI handler in the throughput suite's cgi variant: a small C
// program written here (not a fixture), built with the repo's clang
// wasm32-wasi toolchain and natively as its twin, answers the suite's request
// with a CGI response; every response body is checked against the body of
// its expectedStdout (computed here in JS, independently of the C code). A
// workload that did not opt in is skipped with that reason.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, test } from 'node:test';
import { builtIns } from '../../cli/built-ins.ts';
import { resolveConfig } from '../../core/config/resolve.ts';
import { RunEventBus } from '../../core/events.ts';
import { readResults } from '../../core/results/read.ts';
import { runBenchmarks } from '../../core/run.ts';
import { REQUEST_BODY } from '../../suites/throughput/expected.ts';

const SOURCE = `#include <stdint.h>
#include <stdio.h>
int main(void) {
  uint32_t h = 2166136261u;
  unsigned long n = 0;
  int c;
  while ((c = getchar()) != EOF) { h ^= (uint8_t)c; h *= 16777619u; n++; }
  printf("Content-Type: application/json\\n\\n{\\"bytes\\":%lu,\\"fnv1a\\":\\"%08x\\"}", n, (unsigned)h);
  return 0;
}
`;

/** The same FNV-1a in JS: the oracle for the response. */
function fnv1a(text: string): string {
  let h = 2166136261;
  for (const byte of Buffer.from(text)) h = Math.imul(h ^ byte, 16777619) >>> 0;
  return h.toString(16).padStart(8, '0');
}

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wb-cgi-workload-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Real CLI runtimes are used when on PATH or in /opt/wasm-rt/bin (CI has none).
const PATH = [process.env.PATH ?? '', '/opt/wasm-rt/bin'].join(delimiter);
const CLIS = (['wasmer', 'wasmedge', 'wasm3', 'iwasm', 'wazero'] as const).filter(
  (id) => spawnSync('which', [id], { env: { PATH } }).status === 0,
);

function build(compiler: string, args: string[]): boolean {
  const r = spawnSync(compiler, [...args, '-x', 'c', '-'], { input: SOURCE, encoding: 'utf8' });
  if (r.error) return false;
  assert.equal(r.status, 0, r.stderr);
  return true;
}

test('a hand-written C CGI handler as the cgi variant on node, natively and on the CLI runtimes found; a workload without cgi is skipped', {
  timeout: 300_000,
}, async (t) => {
  const clang = process.env.WASM_CC || 'clang';
  if (!build(clang, ['--target=wasm32-wasi', '-O2', '-o', join(dir, 'fnv.wasm')]))
    return t.skip(`${clang} not found (apt-get install clang lld wasi-libc)`);
  const twin = build(process.env.CC || 'cc', ['-O2', '-o', join(dir, 'fnv-native')]);
  const body = `{"bytes":${Buffer.byteLength(REQUEST_BODY)},"fnv1a":"${fnv1a(REQUEST_BODY)}"}`;
  const out = join(dir, 'out');
  const config = resolveConfig(
    {
      suites: ['throughput'],
      runtimes: ['node', 'native', ...CLIS],
      profile: 'quick',
      out,
      throughput: { durationMs: 1000, warmupMs: 0, connections: 2, variants: ['cgi'] },
      workloads: [
        {
          wasm: 'fnv.wasm',
          cgi: true,
          expectedStdout: `Content-Type: application/json\n\n${body}`,
          ...(twin ? { native: { command: ['./fnv-native'] } } : {}),
        },
        { wasm: 'fnv.wasm', name: 'not-cgi' },
      ],
    },
    { source: null, runId: 'e2e-cgi-workload', seed: () => 7, workloadsBaseDir: dir },
  );
  const savedPath = process.env.PATH;
  process.env.PATH = PATH;
  t.after(() => {
    process.env.PATH = savedPath;
  });
  await runBenchmarks({
    ...builtIns(),
    config,
    runId: 'e2e-cgi-workload',
    bus: new RunEventBus(),
    signal: new AbortController().signal,
  });
  const { cases } = await readResults(out);
  const node = cases.find((c) => c.id === 'throughput/cgi/node/tiered/fnv');
  assert.equal(node?.status, 'ok', `${node?.reason} ${JSON.stringify(node?.errors[0])}`);
  assert.equal(node.fixture, 'fnv');
  assert.equal(node.workload?.name, 'fnv');
  assert.match(String(node.params.responseCheck), /^every response body equals the body of expectedStdout/);
  assert.ok(node.metrics.requestsPerSec.summary!.median > 0);
  assert.equal(node.metrics.mismatches.samples[0], 0);
  if (twin) {
    const native = cases.find((c) => c.id === 'throughput/cgi/native/aot/fnv');
    assert.equal(native?.status, 'ok', `${native?.reason} ${JSON.stringify(native?.errors[0])}`);
  }
  for (const id of CLIS) {
    const mine = cases.filter((c) => c.runtime === id && c.fixture === 'fnv');
    assert.ok(mine.length > 0, `no ${id} case`);
    for (const c of mine) assert.equal(c.status, 'ok', `${c.id}: ${c.reason} ${JSON.stringify(c.errors[0])}`);
  }
  if (!CLIS.length) t.diagnostic('no CLI runtime on PATH or in /opt/wasm-rt/bin: only node and native ran');
  const skipped = cases.filter((c) => c.fixture === 'not-cgi');
  assert.deepEqual(
    skipped.map((c) => `${c.runtime}:${c.status}`),
    ['node', 'native', ...CLIS].map((id) => `${id}:skipped`),
  );
  assert.equal(skipped[0].skip?.kind, 'workload-unsupported');
  assert.match(skipped[0].reason ?? '', /is not marked as a CGI handler: add cgi: true/);
  assert.ok(!cases.some((c) => c.fixture === 'handler'), 'the bundled handler is replaced by the user workloads');
});
