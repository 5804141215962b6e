import { isVaultError, msg, VaultError, type Session, type VaultApi } from '../../api/index.js';
import { cliMessages } from '../messages.js';

/**
 * The record a command line names (档号 or id), for `action`. When no record has that 档号,
 * the error lists the visible records whose 档号 starts with or contains the text, so a
 * partial or mistyped code leads somewhere instead of a dead end; --json gets them as
 * details.candidates.
 */
export function resolveRecordRef(api: VaultApi, session: Session, action: Parameters<VaultApi['records']['resolve']>[1], ref: string): number {
  try {
    return api.records.resolve(session, action, ref).id;
  } catch (e) {
    if (!isVaultError(e) || e.code !== 'RECORD_NOT_FOUND' || /^\d+$/.test(ref)) throw e;
    const candidates = api.records.codeCandidates(session, ref);
    if (candidates.length === 0) throw e;
    const list = candidates.map((c) => `  ${c.archivalCode}${c.title ? `  ${c.title}` : ''}`).join('\n');
    // Each language gets the engine's message in that language, then the same list.
    const text = { zh: msg(cliMessages.didYouMean, { message: e.text.zh, list }).zh, en: msg(cliMessages.didYouMean, { message: e.text.en, list }).en };
    throw new VaultError(e.code, text, { ...e.details, candidates });
  }
}
