/** Exact-length reads from an async stream of byte chunks (the decryptor reads records by length). */
export class ByteReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private queue: Buffer[] = [];
  private queued = 0;
  private done = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Up to n bytes: fewer only at the end of the stream. */
  async read(n: number): Promise<Buffer> {
    while (this.queued < n && !this.done) {
      const next = await this.iterator.next();
      if (next.done) this.done = true;
      else if (next.value.byteLength > 0) {
        const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
        this.queue.push(chunk);
        this.queued += chunk.length;
      }
    }
    const want = Math.min(n, this.queued);
    const first = this.queue[0];
    let out: Buffer;
    if (first && first.length >= want) {
      // Common case (reads aligned with the source's chunks): no copy.
      out = first.subarray(0, want);
      if (first.length === want) this.queue.shift();
      else this.queue[0] = first.subarray(want);
    } else {
      out = Buffer.allocUnsafe(want);
      let filled = 0;
      while (filled < want) {
        const head = this.queue[0]!;
        const take = Math.min(head.length, want - filled);
        head.copy(out, filled, 0, take);
        filled += take;
        if (take === head.length) this.queue.shift();
        else this.queue[0] = head.subarray(take);
      }
    }
    this.queued -= want;
    return out;
  }

  /** Counts (and discards) everything left. */
  async drain(): Promise<number> {
    let count = this.queued;
    this.queue = [];
    this.queued = 0;
    while (!this.done) {
      const next = await this.iterator.next();
      if (next.done) this.done = true;
      else count += next.value.byteLength;
    }
    return count;
  }
}
