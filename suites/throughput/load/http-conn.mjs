// One keep-alive HTTP/1.1 connection that carries one request at a time,
// with a minimal response parser (status line, Content-Length, body). Used
// by the fixed-rate driver, which needs to know exactly when each request
// was written; responses must carry Content-Length (every wasmbench server does).
import { connect } from 'node:net';

const HEADER_END = Buffer.from('\r\n\r\n');

export class HttpConn {
  /** @param {{host: string, port: number, request: Buffer, onDone: (conn: HttpConn, outcome: {status: number, body: Buffer} | {error: string}) => void, onReady?: () => void}} opts */
  constructor(opts) {
    this.opts = opts;
    this.busy = false;
    this.buffer = Buffer.alloc(0);
    this.closed = false;
    this.open();
  }

  open() {
    this.socket = connect({ host: this.opts.host, port: this.opts.port, noDelay: true });
    this.socket.on('connect', () => this.opts.onReady?.());
    this.socket.on('data', (chunk) => this.onData(chunk));
    this.socket.on('error', (err) => this.fail(err.message));
    this.socket.on('close', () => {
      if (this.closed) return;
      this.fail('connection closed by the server');
      this.buffer = Buffer.alloc(0);
      // Reconnect after a pause, so a dead server costs a retry every 10 ms, not a busy loop.
      setTimeout(() => {
        if (!this.closed) this.open();
      }, 10);
    });
  }

  /** Connected, open and idle: can take the next request. */
  get ready() {
    return !this.busy && !this.closed && this.socket.readyState === 'open';
  }

  send() {
    this.busy = true;
    this.socket.write(this.opts.request);
  }

  fail(error) {
    if (!this.busy) return;
    this.busy = false;
    this.opts.onDone(this, { error });
  }

  onData(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const end = this.buffer.indexOf(HEADER_END);
    if (end === -1) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const status = Number(head.slice(9, 12));
    const match = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!match) {
      this.fail('response without Content-Length');
      this.socket.destroy();
      return;
    }
    const total = end + 4 + Number(match[1]);
    if (this.buffer.length < total) return;
    const body = this.buffer.subarray(end + 4, total);
    this.buffer = this.buffer.subarray(total);
    this.busy = false;
    this.opts.onDone(this, { status, body });
  }

  close() {
    this.closed = true;
    this.socket.destroy();
  }
}
