import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BACKUP_SCRYPT, type ScryptParams } from '../../../native/crypto/kdf.js';
import {
  WRAPPED_KEY_BYTES, decodeWrappedKey, encodeWrappedKey, generateDataKey, rewrapDataKey, unwrapDataKey, wrapDataKey,
} from '../../../native/crypto/data-key.js';
import { formatRecoverySheet, parseRecoverySheet, restoreDataKeyFromSheet } from '../../../native/crypto/recovery-sheet.js';
import { isVaultError } from '../../../native/errors.js';

const hasCode = (code: string) => (e: unknown) => isVaultError(e) && e.code === code;
const FAST: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const PASS = '兰台 备份 口令 2026-永久';

test('a data key wrapped with the default scrypt cost unwraps with the passphrase only', async () => {
  const key = generateDataKey();
  const wrapped = await wrapDataKey(key, PASS);
  assert.deepEqual({ N: wrapped.kdf.N, r: wrapped.kdf.r, p: wrapped.kdf.p }, BACKUP_SCRYPT);
  assert.ok(wrapped.kdf.N >= 2 ** 15);
  assert.equal(wrapped.keyId, key.id);
  assert.ok(!JSON.stringify(wrapped).includes(key.bytes.toString('base64')), 'the key is not stored in clear');
  const back = await unwrapDataKey(wrapped, PASS);
  assert.ok(back.bytes.equals(key.bytes));
  await assert.rejects(unwrapDataKey(wrapped, `${PASS}!`), hasCode('KEY_PASSPHRASE_WRONG'));
});

test('changing the passphrase re-wraps the same key; the old passphrase stops working', async () => {
  const key = generateDataKey();
  const wrapped = await wrapDataKey(key, PASS, { scrypt: FAST });
  const rewrapped = await rewrapDataKey(wrapped, PASS, '新的口令 new passphrase', { scrypt: FAST });
  assert.equal(rewrapped.keyId, key.id);
  assert.equal(rewrapped.created, wrapped.created);
  assert.ok((await unwrapDataKey(rewrapped, '新的口令 new passphrase')).bytes.equals(key.bytes));
  await assert.rejects(unwrapDataKey(rewrapped, PASS), hasCode('KEY_PASSPHRASE_WRONG'));
  await assert.rejects(rewrapDataKey(wrapped, 'not the passphrase', 'whatever else'), hasCode('KEY_PASSPHRASE_WRONG'));
});

test('KDF parameters and metadata are authenticated and bounded', async () => {
  const key = generateDataKey();
  const wrapped = await wrapDataKey(key, PASS, { scrypt: FAST });
  assert.equal(encodeWrappedKey(wrapped).length, WRAPPED_KEY_BYTES);
  assert.deepEqual(decodeWrappedKey(encodeWrappedKey(wrapped)), wrapped);
  // A changed date or r is caught by the GCM tag even with the right passphrase.
  await assert.rejects(unwrapDataKey({ ...wrapped, created: '2020-01-01T00:00:00.000Z' }, PASS), hasCode('KEY_PASSPHRASE_WRONG'));
  await assert.rejects(unwrapDataKey({ ...wrapped, kdf: { ...wrapped.kdf, r: 9 } }, PASS), hasCode('KEY_PASSPHRASE_WRONG'));
  // Absurd costs are refused before scrypt runs.
  await assert.rejects(unwrapDataKey({ ...wrapped, kdf: { ...wrapped.kdf, N: 2 ** 30 } }, PASS), hasCode('KDF_PARAMS_INVALID'));
  await assert.rejects(wrapDataKey(key, PASS, { scrypt: { N: 2 ** 10, r: 8, p: 1 } }), hasCode('KDF_PARAMS_INVALID'));
  await assert.rejects(wrapDataKey(key, 'short'), hasCode('KEY_PASSPHRASE_TOO_SHORT'));
});

test('the recovery sheet prints the wrapped key and restores it, tolerating case and O/0, I/1', async () => {
  const key = generateDataKey();
  const wrapped = await wrapDataKey(key, PASS, { scrypt: FAST, created: new Date('2026-11-30T09:30:00Z') });
  const sheet = formatRecoverySheet(wrapped);
  console.log(sheet);
  assert.match(sheet, new RegExp(`Key ID:\\s+${key.id.match(/.{4}/g)!.join(' ')}`));
  assert.match(sheet, /Created:\s+2026-11-30T09:30:00Z/);
  assert.match(sheet, /scrypt N=32768 r=8 p=1/);
  assert.match(sheet, /Checksum:\s+SHA-256 [0-9A-F]{4}-[0-9A-F]{4}/);
  assert.ok(!sheet.includes(key.bytes.toString('hex')) && !sheet.includes(key.bytes.toString('base64')));
  assert.deepEqual(parseRecoverySheet(sheet), wrapped);
  assert.ok((await restoreDataKeyFromSheet(sheet, PASS)).bytes.equals(key.bytes));

  // Typed back sloppily: lower case, letter o for zero, l for one, extra spaces.
  const typed = sheet.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l').replace(/ \| /g, ' |  ');
  assert.deepEqual(parseRecoverySheet(typed), wrapped);
  await assert.rejects(restoreDataKeyFromSheet(sheet, 'the wrong passphrase'), hasCode('KEY_PASSPHRASE_WRONG'));
});

test('typing mistakes on the recovery sheet are found and located', async () => {
  const wrapped = await wrapDataKey(generateDataKey(), PASS, { scrypt: FAST });
  const sheet = formatRecoverySheet(wrapped);
  const lines = sheet.split('\n');
  const third = lines.findIndex((l) => /^ 03 \|/.test(l));
  const typo = [...lines];
  const chars = typo[third]!.split('');
  const at = 7; // a character of the first group
  chars[at] = chars[at] === 'A' ? 'B' : 'A';
  typo[third] = chars.join('');
  assert.throws(() => parseRecoverySheet(typo.join('\n')), (e: unknown) => hasCode('RECOVERY_SHEET_LINE_TYPO')(e) && isVaultError(e) && e.details['line'] === 3);
  // Two lines swapped: each line check includes its number.
  const swapped = [...lines];
  [swapped[third], swapped[third + 1]] = [swapped[third + 1]!.replace(/^ 04/, ' 03'), swapped[third]!.replace(/^ 03/, ' 04')];
  assert.throws(() => parseRecoverySheet(swapped.join('\n')), hasCode('RECOVERY_SHEET_LINE_TYPO'));
  // A missing line, and a wrong checksum.
  assert.throws(() => parseRecoverySheet(lines.filter((_, i) => i !== third).join('\n')), hasCode('RECOVERY_SHEET_UNREADABLE'));
  const badSum = sheet.replace(/(SHA-256 )([0-9A-F])/, (_, p: string, c: string) => `${p}${c === 'A' ? 'B' : 'A'}`);
  assert.throws(() => parseRecoverySheet(badSum), hasCode('RECOVERY_SHEET_CHECKSUM'));
  assert.throws(() => parseRecoverySheet('nothing here'), hasCode('RECOVERY_SHEET_UNREADABLE'));
});
