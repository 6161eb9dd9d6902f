// The wire format between Node and `wb-spawn --serve` (spawn-serve.c has the
// authoritative description). Request: a header line
// "<timeoutMs> <argc> <envc> <hasCwd> <hasStdin> <bodyBytes>\n" then the
// NUL-terminated strings. Reply: frames "<tag> <len>\n" + len bytes, tag 1 =
// child stdout, 2 = child stderr, J = the JSON report that ends the reply.
import { WasmbenchError } from '../errors.ts';
import type { ProcessRequest } from './types.ts';

/** Longest frame header we accept ("J 18446744073709551615\n" is 23). */
const MAX_HEADER_BYTES = 32;

function checkNoNul(value: string, what: string): string {
  if (value.includes('\0')) {
    throw new WasmbenchError(
      `process request: ${what} contains a NUL byte`,
      undefined,
      'remove the NUL byte; a C string cannot carry it',
    );
  }
  return value;
}

/**
 * One request, ready to write. `env` is the child's complete environment
 * (always sent, so the helper's own environment never leaks into a child);
 * entries whose value is undefined are skipped, as Node's spawn does.
 */
export function encodeRequest(req: ProcessRequest, env: Record<string, string | undefined>): Buffer {
  const argv = req.argv.map((a, i) => checkNoNul(a, `argv[${i}]`));
  const envPairs = Object.entries(env)
    .filter((kv): kv is [string, string] => kv[1] !== undefined)
    .map(([k, v]) => checkNoNul(`${k}=${v}`, `environment variable ${k}`));
  const tail = [req.cwd, req.stdinFile].filter((s): s is string => s !== undefined);
  for (const s of tail) checkNoNul(s, s === req.cwd ? 'cwd' : 'stdinFile');
  const body = Buffer.from([...argv, ...envPairs, ...tail].map((s) => `${s}\0`).join(''), 'utf8');
  const timeoutMs = Math.max(0, Math.ceil(req.timeoutMs));
  const header = `${timeoutMs} ${argv.length} ${envPairs.length} ${req.cwd !== undefined ? 1 : 0} ${req.stdinFile !== undefined ? 1 : 0} ${body.length}\n`;
  return Buffer.concat([Buffer.from(header, 'latin1'), body]);
}

export interface FrameHandlers {
  /** A piece of the child's stdout (1) or stderr (2), in order. */
  output(stream: 1 | 2, chunk: Buffer): void;
  /** The JSON report: the reply is complete. */
  report(text: string): void;
}

/** Splits the helper's stdout into frames; throws on a malformed header (the stream is then unusable). */
export class FrameReader {
  private header: Buffer = Buffer.alloc(0);
  private tag: '1' | '2' | 'J' | null = null;
  private remaining = 0;
  private reportParts: Buffer[] = [];

  constructor(private readonly on: FrameHandlers) {}

  push(chunk: Buffer): void {
    let buf = chunk;
    while (buf.length > 0) {
      if (this.tag === null) {
        buf = this.readHeader(buf);
        continue;
      }
      const take = buf.subarray(0, this.remaining);
      buf = buf.subarray(take.length);
      this.remaining -= take.length;
      if (this.tag === 'J') this.reportParts.push(take);
      else this.on.output(this.tag === '1' ? 1 : 2, take);
      if (this.remaining === 0) this.endFrame();
    }
  }

  /** Consumes header bytes; returns what follows the header (empty when it is incomplete). */
  private readHeader(buf: Buffer): Buffer {
    const all = this.header.length ? Buffer.concat([this.header, buf]) : buf;
    const nl = all.indexOf(10);
    if (nl < 0) {
      if (all.length > MAX_HEADER_BYTES)
        throw new Error(
          `wb-spawn --serve: frame header too long: ${JSON.stringify(all.subarray(0, 40).toString('latin1'))}`,
        );
      this.header = Buffer.from(all);
      return Buffer.alloc(0);
    }
    const text = all.subarray(0, nl).toString('latin1');
    const m = /^([12J]) (\d{1,15})$/.exec(text);
    if (!m) throw new Error(`wb-spawn --serve: bad frame header ${JSON.stringify(text.slice(0, 40))}`);
    this.header = Buffer.alloc(0);
    this.tag = m[1] as '1' | '2' | 'J';
    this.remaining = Number(m[2]);
    if (this.remaining === 0) this.endFrame();
    return all.subarray(nl + 1);
  }

  private endFrame(): void {
    if (this.tag === 'J') {
      const text = Buffer.concat(this.reportParts).toString('utf8');
      this.reportParts = [];
      this.tag = null;
      this.on.report(text);
      return;
    }
    this.tag = null;
  }
}
