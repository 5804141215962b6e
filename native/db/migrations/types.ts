import type { Db } from '../database.js';

/** One numbered schema step. Versions go 10, 20, 30 … so later issues can slot steps in between. */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}
