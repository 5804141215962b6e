/** Vaults the screen tests share, made through the engine before Chromium starts. */
import { makeTransferVault, type TransferVault } from '../flows/transfer-fixture.js';

/**
 * A unit's vault with two records, the second 秘密 for 10 years (so using it needs an approval),
 * its engine closed for the app server to open; with the records' 档号 in id order.
 */
export async function makeVaultWithSecret(dir: string): Promise<{ tv: TransferVault; codes: string[] }> {
  const tv = await makeTransferVault(dir, { records: 2, key: false });
  const codes = (tv.api.vault.db.prepare('SELECT archival_code AS c FROM records ORDER BY id').all() as { c: string }[]).map((r) => r.c);
  tv.api.vault.db.prepare("UPDATE records SET classification = 'secret', classification_period = '10年' WHERE archival_code = ?").run(codes[1]);
  tv.api.close();
  return { tv, codes };
}
