import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatArchivalCode, junctionDot, normalizeRetention, parseArchivalCode, typedCodeForms } from '../../../native/catalog/archival-code.js';

const parts = { fondsCode: 'Z109', categoryCode: 'WS', year: 2016, retention: 'Y' as const, orgUnit: 'BGS', itemNumber: 1 };

test('formats the DA/T 22 dash style', () => {
  assert.equal(formatArchivalCode(parts), 'Z109-WS·2016-Y-BGS-0001');
});

test('formats the DA/T 13-2022 dot style with Chinese org unit', () => {
  assert.equal(formatArchivalCode({ ...parts, year: 2011, orgUnit: '办公室' }, { style: 'dot', itemDigits: 4 }), 'Z109-WS·2011·Y·办公室-0001');
});

test('omits empty fonds and org unit; honours 3 and 5 digits', () => {
  assert.equal(formatArchivalCode({ ...parts, fondsCode: '', orgUnit: '', itemNumber: 7 }, { style: 'dash', itemDigits: 3 }), 'WS·2016-Y-007');
  assert.equal(formatArchivalCode({ ...parts, itemNumber: 12345 }, { style: 'dash', itemDigits: 5 }), 'Z109-WS·2016-Y-BGS-12345');
  assert.throws(() => formatArchivalCode({ ...parts, itemNumber: 10000 }), /ARCHIVAL_CODE_OVERFLOW/);
  assert.throws(() => formatArchivalCode(parts, { style: 'dash', itemDigits: 6 }), /ARCHIVAL_CODE_DIGITS/);
});

test('parses both styles back to the same parts', () => {
  assert.deepEqual(parseArchivalCode('Z109-WS·2016-Y-BGS-0001'), parts);
  assert.deepEqual(parseArchivalCode('Z109-WS·2016·Y·BGS-0001'), parts);
  assert.deepEqual(parseArchivalCode('Z109-WS.2016.Y.BGS-0001'), parts);
  assert.deepEqual(parseArchivalCode('Z109-WS·2011·Y·办公室-0001'), { ...parts, year: 2011, orgUnit: '办公室' });
  assert.deepEqual(parseArchivalCode('WS·2016-D10-0042'), { ...parts, fondsCode: '', orgUnit: '', retention: 'D10', itemNumber: 42 });
});

test('round-trips every style, width and optional part', () => {
  for (const style of ['dash', 'dot'] as const) {
    for (const itemDigits of [3, 4, 5]) {
      for (const fondsCode of ['', 'Z109', 'J001']) {
        for (const orgUnit of ['', 'BGS', '人事处']) {
          const p = { ...parts, fondsCode, orgUnit, itemNumber: 99 };
          assert.deepEqual(parseArchivalCode(formatArchivalCode(p, { style, itemDigits })), p);
        }
      }
    }
  }
});

test('reads legacy retention names, never issues them', () => {
  assert.equal(normalizeRetention('永久'), 'Y');
  assert.equal(normalizeRetention('长期'), 'D30');
  assert.equal(normalizeRetention('短期'), 'D10');
  assert.equal(parseArchivalCode('Z109-WS·2016-永久-BGS-0003').retention, 'Y');
  assert.equal(normalizeRetention('D99'), undefined);
});

test('rejects malformed codes with a clear reason', () => {
  for (const bad of ['', 'Z109-WS-BGS-0001', 'Z109-WS·16-Y-0001', 'Z109-WS·2016-X-BGS-0001', 'Z109-WS·2016-Y-BGS-00a1', 'A-B-WS·2016-Y-1', 'Z109-WS·2016-Y-A-B-0001']) {
    assert.throws(() => parseArchivalCode(bad), (e: Error) => /ARCHIVAL_CODE_INVALID/.test(e.message), bad);
  }
  assert.throws(() => formatArchivalCode({ ...parts, orgUnit: 'A-B' }), /ARCHIVAL_CODE_PART/);
});

test('a typed - at the class/year junction reads as ·, and only there', () => {
  assert.equal(junctionDot('Z109-WS-2016-Y-BGS-0001'), 'Z109-WS·2016-Y-BGS-0001');
  assert.equal(junctionDot('WS-2016-Y-0001'), 'WS·2016-Y-0001');
  assert.equal(junctionDot('Z109-WS-2016'), 'Z109-WS·2016');
  assert.equal(junctionDot('z109-ws.2016-y'), 'z109-ws·2016-y');
  // An org unit before a four-digit item number is not a class/year junction.
  assert.equal(junctionDot('Z109-WS·2016-Y-BGS-2016'), 'Z109-WS·2016-Y-BGS-2016');
  assert.equal(junctionDot('Z109-WS-2016-Y-BGS-2016'), 'Z109-WS·2016-Y-BGS-2016');
  assert.equal(junctionDot('Z109-WS·2016·Y·办公室-0001'), 'Z109-WS·2016·Y·办公室-0001');
  assert.equal(junctionDot('BGS-0001'), 'BGS-0001', 'no year, nothing to join');
});

test('a typed code is looked up in the vault style too', () => {
  assert.deepEqual(typedCodeForms('Z109-WS-2016-Y-BGS-0001', { style: 'dot', itemDigits: 4 }), ['Z109-WS-2016-Y-BGS-0001', 'Z109-WS·2016-Y-BGS-0001', 'Z109-WS·2016·Y·BGS-0001']);
  assert.ok(typedCodeForms('Z109-WS-2016-Y-BGS-1', { style: 'dash', itemDigits: 4 }).includes('Z109-WS·2016-Y-BGS-0001'));
  assert.deepEqual(typedCodeForms('Z109-WS', { style: 'dash', itemDigits: 4 }), ['Z109-WS']);
});
