// Bounded capture of a child's output, so a runaway guest printing forever
// cannot exhaust our memory. stdout keeps its head (the answer and the `@wb`
// lines come first and are what gets checked); stderr keeps its tail (the
// error that ended the process is at the end).

export const STDOUT_CAP_BYTES = 4 * 1024 * 1024;
export const STDERR_CAP_BYTES = 64 * 1024;

/** Keeps the first `capBytes` bytes written to it, counts the rest. */
export class HeadCapture {
  private chunks: Buffer[] = [];
  private keptBytes = 0;
  droppedBytes = 0;

  constructor(private readonly capBytes: number) {}

  push(chunk: Buffer): void {
    const room = this.capBytes - this.keptBytes;
    if (room >= chunk.length) {
      this.chunks.push(chunk);
      this.keptBytes += chunk.length;
      return;
    }
    if (room > 0) this.chunks.push(chunk.subarray(0, room));
    this.keptBytes += Math.max(room, 0);
    this.droppedBytes += chunk.length - Math.max(room, 0);
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** Keeps the last `capBytes` bytes written to it, counts the rest. */
export class TailCapture {
  private chunks: Buffer[] = [];
  private keptBytes = 0;
  private totalBytes = 0;

  constructor(private readonly capBytes: number) {}

  get droppedBytes(): number {
    return Math.max(this.totalBytes - this.capBytes, 0);
  }

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.keptBytes += chunk.length;
    this.totalBytes += chunk.length;
    // Drop whole chunks from the front while the rest still covers the cap.
    while (this.chunks.length > 1 && this.keptBytes - this.chunks[0].length >= this.capBytes) {
      this.keptBytes -= this.chunks.shift()!.length;
    }
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(all.length - this.capBytes, 0)).toString('utf8');
  }
}

/** The pair a sample collects: stdout head, stderr tail. */
export function createCaptures(): { stdout: HeadCapture; stderr: TailCapture } {
  return { stdout: new HeadCapture(STDOUT_CAP_BYTES), stderr: new TailCapture(STDERR_CAP_BYTES) };
}
