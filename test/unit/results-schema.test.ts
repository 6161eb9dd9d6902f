/** The results schema and its one reader: exact messages naming the path in the file, and the committed JSON Schema. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parseResults } from '../../core/results/read.ts';
import { resultsJsonSchema, resultsJsonSchemaText } from '../../core/results/json-schema.ts';
import { WasmbenchError } from '../../core/errors.ts';
import { makeResults, spread } from './compare-make.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/reports/results.json', import.meta.url));
const COMMITTED = fileURLToPath(new URL('../../docs/results.schema.json', import.meta.url));

/** A valid file as plain JSON, for a test to break. */
function good(): Record<string, any> {
  return JSON.parse(
    JSON.stringify(
      makeResults('r1', [
        { id: 'startup/node/tiered/cold/noop', wallNs: spread(40_000_000, 8) },
        { id: 'startup/native/aot/precompiled/noop', wallNs: spread(900_000, 8) },
      ]),
    ),
  );
}

function messageOf(data: unknown): string {
  try {
    parseResults(data, 'x/results.json');
  } catch (err) {
    assert.ok(err instanceof WasmbenchError);
    assert.equal(err.exitCode, 1, 'a corrupt file is exit 1, never a pass or a regression');
    return err.message;
  }
  assert.fail('the file was accepted');
}

test('a string sample names its case, metric, index and JSON path', () => {
  const file = good();
  file.cases[1].metrics.wallNs.samples[0] = 'fast96094570';
  assert.equal(
    messageOf(file),
    'x/results.json is corrupt: case "startup/native/aot/precompiled/noop" metric "wallNs" sample 0, at cases[1].metrics.wallNs.samples[0]: expected a number, got "fast96094570"',
  );
});

test('enums, missing keys and unknown analysis kinds say what was expected and what was found', () => {
  const status = good();
  status.cases[0].status = 'fine';
  assert.equal(
    messageOf(status),
    'x/results.json is corrupt: case "startup/node/tiered/cold/noop", at cases[0].status: expected one of "ok", "errored", "skipped"; got "fine"',
  );
  const env = good();
  delete env.environment.arch;
  assert.equal(
    messageOf(env),
    'x/results.json is corrupt: environment.arch: expected a string, got nothing (the key is missing)',
  );
  const analysis = good();
  analysis.analyses = [{ kind: 'mystery' }];
  assert.equal(
    messageOf(analysis),
    'x/results.json is corrupt: analyses[0].kind: expected one of "crossover", "native-ratio", "sleep-jitter-digest", "merged-runs", "ab-rounds", "compile-payback"; got "mystery"',
  );
  const state = good();
  state.state = 'done';
  assert.equal(
    messageOf(state),
    'x/results.json is corrupt: state: expected one of "running", "complete", "interrupted"; got "done"',
  );
});

test('several problems are listed one per line, at most five', () => {
  const file = good();
  file.cases[0].metrics.wallNs.samples = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  file.seed = -1;
  const message = messageOf(file);
  const lines = message.split('\n');
  assert.equal(lines[0], 'x/results.json is corrupt: 8 problems:');
  assert.equal(lines[1], '  - seed: expected number to be >=0; got -1');
  assert.equal(
    lines[2],
    '  - case "startup/node/tiered/cold/noop" metric "wallNs" sample 0, at cases[0].metrics.wallNs.samples[0]: expected a number, got "a"',
  );
  assert.equal(lines.at(-1), '  - ...and 3 more');
  assert.equal(lines.length, 7);
});

test('an unknown schemaVersion and a non-results file are refused with the fix', () => {
  const v2 = good();
  v2.schemaVersion = 99;
  assert.equal(messageOf(v2), 'x/results.json has schemaVersion 99; this wasmbench reads version 1, 2');
  assert.equal(messageOf([1, 2]), 'x/results.json is not a wasmbench results file (no "schemaVersion" or "cases")');
});

test('a container case from before precompileNs, with its prepareNs header field, is still read; a negative one is refused', () => {
  const file = good();
  file.cases[0].prepareNs = 11_000_000;
  assert.equal(parseResults(file, 'x').cases[0].prepareNs, 11_000_000);
  file.cases[0].prepareNs = -1;
  assert.match(messageOf(file), /cases\[0\]\.prepareNs/);
});

test("extra keys (users' own, or a newer writer's) are kept, not stripped", () => {
  const file = good();
  file.ci = { job: 42 };
  file.environment.rack = 'b7';
  file.cases[0].note = 'mine';
  const read = parseResults(file, 'x') as unknown as Record<string, any>;
  assert.deepEqual(read.ci, { job: 42 });
  assert.equal(read.environment.rack, 'b7');
  assert.equal(read.cases[0].note, 'mine');
});

test('docs/results.schema.json is the schema `wasmbench schema results` prints (regenerate: wasmbench schema results > docs/results.schema.json)', () => {
  assert.equal(readFileSync(COMMITTED, 'utf8'), resultsJsonSchemaText());
});

test('a JSON Schema validator (ajv) accepts the fixture results file (version 1) and rejects a string sample', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const validate = ajv.compile(resultsJsonSchema());
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  assert.equal(validate(fixture), true, ajv.errorsText(validate.errors));
  fixture.cases[0].metrics.wallNs.samples[0] = 'fast96094570';
  assert.equal(validate(fixture), false);
  assert.ok(
    validate.errors!.some((e) => e.instancePath === '/cases/0/metrics/wallNs/samples/0'),
    ajv.errorsText(validate.errors),
  );
});
