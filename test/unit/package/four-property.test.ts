/** The four-property check pieces that need no vault: sniffing, the package check, the catalog round trip. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPackage } from '../../../native/check/four-property-package.js';
import { isHostileKind, sniff } from '../../../native/check/four-property-sniff.js';
import { formatCatalogXml, parseCatalogXml } from '../../../native/package/catalog-xml.js';
import type { RecordRow } from '../../../native/catalog/types.js';

test('files are judged by their bytes, not their names', () => {
  assert.equal(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'jpeg');
  assert.equal(sniff(Buffer.from('II*\u0000', 'latin1')), 'tiff');
  assert.equal(sniff(Buffer.from('%PDF-1.7')), 'pdf');
  assert.equal(sniff(Buffer.from('MZ\u0090\u0000', 'latin1')), 'executable');
  assert.equal(sniff(Buffer.from('\u007fELF', 'latin1')), 'executable');
  assert.equal(sniff(Buffer.from('#!/bin/sh')), 'script');
  assert.equal(sniff(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])), 'office_macro');
  assert.ok(isHostileKind('executable') && !isHostileKind('jpeg'));
});

test('the package check fails per file for executables and unsupported masters, and names them', () => {
  const report = checkPackage({
    bag: { ok: true, problems: 0, first: '' },
    signature: { ok: true, signer: 'CN=某单位', reason: '' },
    catalog: { ok: true, problems: 0, first: '', entries: 2 },
    files: [
      { path: '电子档案/2016/WS/A-0001/A-0001-0001.jpg', role: 'master', kind: 'jpeg' },
      { path: '电子档案/2016/WS/A-0002/A-0002-0001.jpg', role: 'master', kind: 'executable' },
      { path: '电子档案/2016/WS/A-0002/A-0002-0001.txt', role: 'text', kind: 'unknown', utf8: false },
    ],
  });
  assert.equal(report.passed, false);
  const failed = report.refused.map((r) => `${r.subject}:${r.reasons.map((x) => x.id).join('+')}`).sort();
  assert.deepEqual(failed, ['电子档案/2016/WS/A-0002/A-0002-0001.jpg:SEC-10+USE-10', '电子档案/2016/WS/A-0002/A-0002-0001.txt:USE-11']);
  assert.equal(report.summary.authenticity.pass, 2);
});

test('文件目录.XML reads back what was written, escaping included', () => {
  const record = {
    id: 1, fondsCode: 'Z109', categoryCode: 'WS', year: 2016, retention: 'Y', orgUnit: 'BGS', itemNumber: 1, archivalCode: 'Z109-WS·2016-Y-BGS-0001',
    title: '关于 <档案> & "移交" 的通知', creator: '某局', docNumber: '档发〔2016〕6号', docDate: '2016-04-26', pageCount: 2, classification: 'public',
    classificationPeriod: '', classifiedHold: false, remarks: '', sourceName: 'a.jpg', createdAt: '', updatedAt: '',
      codeStatus: 'fixed', scanStatus: 'scanned', disposal: '', appraisedRetention: null, accessStatus: 'unreviewed',
  } satisfies RecordRow;
  const xml = formatCatalogXml('YJ20261204-ABCDEF', [{ record, masters: [{ seq: 1, source: '/x', ext: 'jpg', sha256: 'a'.repeat(64), sm3: 'b'.repeat(64), size: 10, pageCount: 2, pageTexts: ['一', ''] }] }]);
  assert.match(xml, /<题名>关于 &lt;档案&gt; &amp; &quot;移交&quot; 的通知<\/题名>/);
  assert.match(xml, /<日期>20160426<\/日期>/);
  const parsed = parseCatalogXml(xml);
  assert.equal(parsed.transferId, 'YJ20261204-ABCDEF');
  assert.equal(parsed.declared, 1);
  assert.equal(parsed.entries[0]!.archivalCode, 'Z109-WS·2016-Y-BGS-0001');
  assert.deepEqual(parsed.entries[0]!.files.map((f) => [f.role, f.path]), [
    ['master', '电子档案/2016/WS/Z109-WS·2016-Y-BGS-0001/Z109-WS·2016-Y-BGS-0001-0001.jpg'],
    ['text', '电子档案/2016/WS/Z109-WS·2016-Y-BGS-0001/Z109-WS·2016-Y-BGS-0001-0001.txt'],
  ]);
});
