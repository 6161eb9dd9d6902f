import assert from 'node:assert/strict';
import { test } from 'node:test';
import { helperPath } from '../../core/process/helper-build.ts';
import { helperArgs, parseHelperReport } from '../../core/process/helper-timer.ts';

const line =
  '{"wallNs":812345,"firstOutputNs":null,"spawnRealtimeNs":"1795273652787882854","userNs":849000,"sysNs":0,' +
  '"maxRssBytes":1146880,"exitCode":0,"signal":null,"timedOut":false,"spawnError":null}\n';

test('parseHelperReport reads the fd-3 line', () => {
  const r = parseHelperReport(line);
  assert.equal(r.wallNs, 812345);
  assert.equal(r.firstOutputNs, null);
  assert.equal(r.spawnRealtimeNs, '1795273652787882854'); // a string: too big for a double
  assert.equal(r.maxRssBytes, 1146880);
  assert.equal(r.exitCode, 0);
});

test('parseHelperReport names a field of the wrong type', () => {
  assert.throws(() => parseHelperReport(line.replace('"timedOut":false', '"timedOut":0')), /timedOut is number/);
  assert.throws(() => parseHelperReport(line.replace('"wallNs":812345,', '')), /wallNs is undefined/);
  assert.throws(() => parseHelperReport(line.replace('"1795273652787882854"', '"-1"')), /spawnRealtimeNs/);
});

test('helperArgs puts options before -- and the argv after it', () => {
  assert.deepEqual(helperArgs({ argv: ['/bin/echo', '--timeout-ms', 'x'], timeoutMs: 1500.2 }), [
    '--timeout-ms',
    '1501',
    '--',
    '/bin/echo',
    '--timeout-ms',
    'x',
  ]);
  assert.deepEqual(helperArgs({ argv: ['cat'], timeoutMs: 10, stdinFile: '/tmp/in' }), [
    '--timeout-ms',
    '10',
    '--stdin',
    '/tmp/in',
    '--',
    'cat',
  ]);
});

test('helperPath: one directory per arch, source and compiler', () => {
  const saved = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = '/cache';
  try {
    const a = helperPath('int main(){}', 'cc 1');
    assert.match(a, new RegExp(`^/cache/wasmbench/spawn-helper/${process.arch}-[0-9a-f]{12}/wb-spawn$`));
    assert.equal(helperPath('int main(){}', 'cc 1'), a);
    assert.notEqual(helperPath('int main(){}', 'cc 2'), a);
    assert.notEqual(helperPath('int main(){ }', 'cc 1'), a);
  } finally {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
  }
});
