// Tiers a build lacks: recorded as data by the adapter, with the same sentence as a note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skippedModeNote, TierLog } from '../../runners/mode-notes.ts';

test('a lacking tier is structured data and a note; other notes are only notes', () => {
  const log = new TierLog(['raw version: wasmtime 36.0.0']);
  log.lacks('baseline', 'winch', 'exit code 1: winch is not supported on this target');
  log.lacks('aot', 'wasmedge compile', 'failed (Compilation is not supported!)');
  log.note('wamrc 2.0 at /usr/bin/wamrc');
  assert.deepEqual(log.lacking, [
    { mode: 'baseline', modeName: 'winch', reason: 'exit code 1: winch is not supported on this target' },
    { mode: 'aot', modeName: 'wasmedge compile', reason: 'failed (Compilation is not supported!)' },
  ]);
  assert.deepEqual(log.notes, [
    'raw version: wasmtime 36.0.0',
    skippedModeNote('baseline', 'winch', 'exit code 1: winch is not supported on this target'),
    'aot (wasmedge compile) skipped: failed (Compilation is not supported!)',
    'wamrc 2.0 at /usr/bin/wamrc',
  ]);
  assert.equal(log.lacksMode('aot'), true);
  assert.equal(log.lacksMode('tiered'), false);
});
