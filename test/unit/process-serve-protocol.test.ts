import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeRequest, FrameReader } from '../../core/process/serve-protocol.ts';

test('encodeRequest: header with counts and length, then NUL-terminated strings', () => {
  const buf = encodeRequest(
    { argv: ['/bin/echo', 'a b'], timeoutMs: 1500.2, cwd: '/tmp', stdinFile: '/in' },
    { A: '1', SKIP: undefined, B: 'x=y' },
  );
  const nl = buf.indexOf(10);
  const body = buf.subarray(nl + 1);
  assert.equal(buf.subarray(0, nl).toString(), `1501 2 2 1 1 ${body.length}`);
  assert.deepEqual(body.toString().split('\0'), ['/bin/echo', 'a b', 'A=1', 'B=x=y', '/tmp', '/in', '']);
});

test('encodeRequest: optional fields absent, UTF-8 counted in bytes', () => {
  const buf = encodeRequest({ argv: ['é'], timeoutMs: 10 }, {});
  assert.equal(buf.toString(), '10 1 0 0 0 3\né\0');
});

test('encodeRequest rejects a NUL byte, naming where it is', () => {
  assert.throws(() => encodeRequest({ argv: ['a\0b'], timeoutMs: 1 }, {}), /argv\[0\] contains a NUL/);
  assert.throws(() => encodeRequest({ argv: ['a'], timeoutMs: 1 }, { K: 'v\0' }), /environment variable K/);
  assert.throws(() => encodeRequest({ argv: ['a'], timeoutMs: 1, cwd: '/\0' }, {}), /cwd contains/);
});

function collect(): { reader: FrameReader; out: string[]; reports: string[] } {
  const out: string[] = [];
  const reports: string[] = [];
  const reader = new FrameReader({
    output: (s, c) => out.push(`${s}:${c.toString()}`),
    report: (t) => reports.push(t),
  });
  return { reader, out, reports };
}

test('FrameReader splits frames however the bytes are chunked', () => {
  const wire = Buffer.from('1 5\nhello2 3\nerr1 2\n\n\nJ 8\n{"a":1}\n1 1\nx');
  for (const size of [1, 2, 3, 7, wire.length]) {
    const { reader, out, reports } = collect();
    for (let i = 0; i < wire.length; i += size) reader.push(wire.subarray(i, i + size));
    assert.equal(
      out
        .filter((o) => o[0] === '1')
        .map((o) => o.slice(2))
        .join(''),
      'hello\n\nx',
    );
    assert.equal(
      out
        .filter((o) => o[0] === '2')
        .map((o) => o.slice(2))
        .join(''),
      'err',
    );
    assert.deepEqual(reports, ['{"a":1}\n']);
  }
});

test('FrameReader rejects a bad or endless header', () => {
  assert.throws(() => collect().reader.push(Buffer.from('X 3\nabc')), /bad frame header/);
  assert.throws(() => collect().reader.push(Buffer.from('1 -3\n')), /bad frame header/);
  assert.throws(() => collect().reader.push(Buffer.alloc(100, 0x31)), /too long/);
});
