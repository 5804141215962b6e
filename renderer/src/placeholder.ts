import type { Result } from '../../electron/contract.js';

export type Placeholder = Result<null>;
