import fs from 'node:fs';

const SMALL_READ = 4096;
const WINDOW = 64 << 10;

/**
 * Positioned reads from a file without loading it: a 5,000-page TIFF is walked and split one
 * page at a time, so memory stays that of one page.
 */
export class RandomReader {
  private constructor(
    private readonly handle: fs.promises.FileHandle,
    readonly size: number,
  ) {}

  static async open(file: string): Promise<RandomReader> {
    const handle = await fs.promises.open(file, 'r');
    try {
      const st = await handle.stat();
      return new RandomReader(handle, st.size);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  /** Exactly `length` bytes at `position`, or a RangeError when the file is shorter. */
  async read(position: number, length: number): Promise<Buffer> {
    if (!Number.isSafeInteger(position) || !Number.isSafeInteger(length) || position < 0 || length < 0 || position + length > this.size) {
      throw new RangeError(`read of ${length} bytes at ${position} is beyond the end of the file (${this.size} bytes)`);
    }
    // Directory entries and their values are many small reads close together: serve them from
    // one cached window instead of a system call each.
    if (length <= SMALL_READ) {
      const w = this.window;
      if (!w || position < w.start || position + length > w.start + w.data.length) {
        const start = position;
        this.window = { start, data: await this.readRaw(start, Math.min(WINDOW, this.size - start)) };
      }
      const win = this.window!;
      return win.data.subarray(position - win.start, position - win.start + length);
    }
    return this.readRaw(position, length);
  }

  private window: { start: number; data: Buffer } | undefined;

  private async readRaw(position: number, length: number): Promise<Buffer> {
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.handle.read(buf, done, length - done, position + done);
      if (bytesRead === 0) throw new RangeError(`file ended at ${position + done} while reading ${length} bytes at ${position}`);
      done += bytesRead;
    }
    return buf;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
