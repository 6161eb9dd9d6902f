// The one whole-number flag parser of the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intFlag } from '../../cli/int-flag.ts';

test('absent is undefined; whole numbers within range pass; anything else names the flag and the bounds', () => {
  assert.equal(intFlag('seed', undefined), undefined);
  assert.equal(intFlag('seed', ' 42 '), 42);
  assert.equal(intFlag('port', '0', { max: 65535 }), 0);
  assert.throws(() => intFlag('iterations', 'ten'), /--iterations expects a whole number, got "ten"/);
  assert.throws(
    () => intFlag('iterations', '0', { min: 1, example: 20 }),
    /--iterations expects a whole number >= 1, got "0"/,
  );
  assert.throws(() => intFlag('port', '70000', { max: 65535 }), /--port expects a whole number <= 65535, got "70000"/);
  assert.throws(
    () => intFlag('rounds', '-3', { min: 1, max: 100 }),
    /--rounds expects a whole number >= 1 and <= 100, got "-3"/,
  );
  assert.throws(() => intFlag('seed', '1.5'), /whole number/);
});
