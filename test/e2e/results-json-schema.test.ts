/** A results.json fresh from a real run validates against `wasmbench schema results` with a JSON Schema validator (ajv). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const BIN = resolve(import.meta.dirname, '../../bin/wasmbench.mjs');

test('wasmbench schema results validates a fresh node + native run', { timeout: 120_000 }, (t) => {
  const out = mkdtempSync(join(tmpdir(), 'wasmbench-jsonschema-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  const run = spawnSync(
    process.execPath,
    [
      BIN,
      'run',
      '--runtime',
      'node,native',
      '--fixture',
      'hello,fib',
      '--iterations',
      '2',
      '--warmups',
      '0',
      '--no-report',
      '--out',
      out,
    ],
    { encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  assert.equal(run.status, 0, run.stderr);
  const printed = spawnSync(process.execPath, [BIN, 'schema', 'results'], { encoding: 'utf8' });
  assert.equal(printed.status, 0, printed.stderr);
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(printed.stdout));
  const file = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  assert.equal(validate(file), true, ajv.errorsText(validate.errors));
  assert.ok(
    file.cases.some((c: { status: string }) => c.status === 'ok'),
    'something was measured',
  );
  assert.ok(file.analyses.length > 0, 'analyses (crossover, native-ratio) are validated too');
});
