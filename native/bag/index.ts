/**
 * BagIt 1.0 (RFC 8493) for transfer packages and backups: a writer that makes bags with
 * SHA-256 and SM3 manifests, and a staged validator that also reads the older drafts the
 * Library of Congress conformance suite covers.
 */
export { writeBag, isPartialBagName } from './write.js';
export type { PayloadEntry, TagFileEntry, BagInfoInput, WriteBagOptions, WrittenBag, WrittenFile } from './write.js';
export { validateBag } from './validate.js';
export type { ValidateBagOptions, BagValidation } from './validate.js';
export { BAG_STAGES } from './problems.js';
export type { BagProblem, BagProblemCode, BagStage } from './problems.js';
export type { BagProgress, ValidationProgress } from './progress.js';
export { bagMessages } from './messages.js';
