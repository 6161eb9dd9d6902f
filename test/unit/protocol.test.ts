// The guest line protocol parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstValue, numbers, parseGuestOutput } from '../../core/protocol.ts';

test('separates protocol values from the program output', () => {
  const out = parseGuestOutput(
    '@wb main_entry_realtime_ns 1763737200123456789\nfib(27) = 196418\n@wb iter_ns 1500\n@wb iter_ns -20\n',
  );
  assert.equal(out.text, 'fib(27) = 196418\n');
  assert.equal(firstValue(out, 'main_entry_realtime_ns'), 1763737200123456789n);
  assert.deepEqual(numbers(out, 'iter_ns'), [1500, -20]);
  assert.deepEqual(out.malformed, []);
});

test('keeps realtime stamps exact beyond 2^53', () => {
  const out = parseGuestOutput('@wb t 9007199254740993\n');
  assert.equal(firstValue(out, 't'), 9007199254740993n);
});

test('reports malformed protocol lines', () => {
  const out = parseGuestOutput('@wb iter_ns 1.5\n@wbx 3\nok\n');
  assert.deepEqual(out.malformed, ['@wb iter_ns 1.5', '@wbx 3']);
  assert.equal(out.text, 'ok\n');
});

test('output without a trailing newline and empty output', () => {
  assert.equal(parseGuestOutput('a\nb').text, 'a\nb');
  assert.equal(parseGuestOutput('').text, '');
  assert.equal(parseGuestOutput('@wb k 1\n').text, '');
  assert.equal(firstValue(parseGuestOutput(''), 'k'), null);
});

test("a host's protocol lines glued to guest output that ends without a newline", () => {
  const glued = parseGuestOutput('A: b\n\n{"ok":1}@wb compile_ns 5\n@wb execute_ns 7\n');
  assert.equal(glued.text, 'A: b\n\n{"ok":1}');
  assert.deepEqual(
    [...glued.values.entries()],
    [
      ['compile_ns', [5n]],
      ['execute_ns', [7n]],
    ],
  );
  // "@wb" inside the guest's text, not followed by protocol lines only, is text.
  const text = parseGuestOutput('mail @wb x 1\nmore\n');
  assert.equal(text.text, 'mail @wb x 1\nmore\n');
  assert.equal(text.values.size, 0);
});
