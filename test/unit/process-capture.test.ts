import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HeadCapture, TailCapture } from '../../core/process/capture.ts';

const b = (s: string) => Buffer.from(s);

test('HeadCapture keeps everything under the cap', () => {
  const c = new HeadCapture(10);
  c.push(b('abc'));
  c.push(b('defg'));
  assert.equal(c.text(), 'abcdefg');
  assert.equal(c.droppedBytes, 0);
});

test('HeadCapture keeps exactly the first capBytes', () => {
  const c = new HeadCapture(5);
  c.push(b('abc'));
  c.push(b('defg'));
  c.push(b('hij'));
  assert.equal(c.text(), 'abcde');
  assert.equal(c.droppedBytes, 5);
});

test('TailCapture keeps exactly the last capBytes', () => {
  const c = new TailCapture(5);
  for (const s of ['abc', 'defg', 'hi', 'j']) c.push(b(s));
  assert.equal(c.text(), 'fghij');
  assert.equal(c.droppedBytes, 5);
});

test('TailCapture with one huge chunk', () => {
  const c = new TailCapture(4);
  c.push(b('0123456789'));
  assert.equal(c.text(), '6789');
  assert.equal(c.droppedBytes, 6);
});

test('TailCapture under the cap keeps everything', () => {
  const c = new TailCapture(64);
  c.push(b('x'));
  c.push(b('y'));
  assert.equal(c.text(), 'xy');
  assert.equal(c.droppedBytes, 0);
});
