// Tiers a build lacks: the note sentence and its structured form round-trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skippedModeNote, unsupportedModesFrom } from '../../runners/mode-notes.ts';

test('skipped-mode notes become structured unsupported modes; other notes are ignored', () => {
  const notes = [
    'raw version: wasmtime 36.0.0',
    skippedModeNote('baseline', 'winch', 'exit code 1: winch is not supported on this target'),
    skippedModeNote('aot', 'wasmedge compile', 'failed (Compilation is not supported!)'),
    'tiered (x) skipped: not a real mode name is still a mode? yes: tiered is a mode',
    'bogus (y) skipped: not a mode',
  ];
  assert.deepEqual(unsupportedModesFrom(notes), [
    { mode: 'baseline', modeName: 'winch', reason: 'exit code 1: winch is not supported on this target' },
    { mode: 'aot', modeName: 'wasmedge compile', reason: 'failed (Compilation is not supported!)' },
    { mode: 'tiered', modeName: 'x', reason: 'not a real mode name is still a mode? yes: tiered is a mode' },
  ]);
});
