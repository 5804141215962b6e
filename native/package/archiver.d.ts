// The part of archiver 8 we use (it ships no types): a ZIP stream fed entries, then finalized.
declare module 'archiver' {
  import type { Readable } from 'node:stream';
  export interface ZipOptions {
    store?: boolean;
    forceZip64?: boolean;
    zlib?: { level?: number };
    comment?: string;
  }
  export interface EntryData {
    name: string;
    date?: Date | string;
    mode?: number;
    store?: boolean;
  }
  export class ZipArchive extends Readable {
    constructor(options?: ZipOptions);
    append(source: Buffer | Readable | string, data: EntryData): this;
    file(filepath: string, data: EntryData): this;
    finalize(): Promise<void>;
    abort(): this;
    pointer(): number;
  }
}
