import { Alert, Button, Card, Col, Descriptions, Empty, Input, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { FailReason, SamplePage } from '../../../electron/contract.js';
import { call } from '../bridge.js';
import { classificationName, retentionName, useI18n } from '../i18n/index.js';
import { CHECK_KEYS, FAIL_REASON_KEYS, FAIL_REASONS } from './qcLabels.js';

export interface Judgement {
  verdict: 'pass' | 'fail';
  reason?: FailReason;
  note?: string;
}

/**
 * One sampled page side by side: the scan, its OCR text and the record's catalog fields (with
 * the machine findings), and the 合格 / 不合格 buttons; a failure needs a reason.
 */
export function QcPageReview({ page, readOnly, onJudge }: { page: SamplePage; readOnly: boolean; onJudge: (j: Judgement) => Promise<void> }) {
  const { t } = useI18n();
  const [src, setSrc] = useState<string | null>(null);
  const [reason, setReason] = useState<FailReason | undefined>(page.reason || undefined);
  const [note, setNote] = useState(page.note);
  const [missingReason, setMissingReason] = useState(false);
  const [busy, setBusy] = useState(false);

  // No image: the page has none, or the engine could not give a display copy (its file is
  // missing or unreadable); said in words instead of a spinner that never ends.
  const [noImage, setNoImage] = useState(!page.imageSha256);

  useEffect(() => {
    let live = true;
    setSrc(null);
    setNoImage(!page.imageSha256);
    if (page.imageSha256) call('records:pageImage', { imageSha256: page.imageSha256, kind: 'normalized' }).then((s) => live && setSrc(s), () => live && setNoImage(true));
    return () => {
      live = false;
    };
  }, [page.imageSha256]);

  const judge = async (verdict: 'pass' | 'fail') => {
    if (verdict === 'fail' && !reason) {
      setMissingReason(true);
      return;
    }
    setMissingReason(false);
    setBusy(true);
    try {
      await onJudge({ verdict, ...(verdict === 'fail' ? { reason } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
    } finally {
      setBusy(false);
    }
  };

  const c = page.catalog;
  return (
    <Card data-testid="qc-page" data-code={page.archivalCode} data-page={page.pageNo} data-verdict={page.verdict ?? ''} size="small"
      title={<Space>{page.archivalCode}<span>{t('qcPageOf', { n: page.pageNo, total: page.pageCount, expected: c.expectedPages ?? '–' })}</span>
        {page.verdict === 'pass' && <Tag color="green">{t('qcPass')}</Tag>}
        {page.verdict === 'fail' && <Tag color="red">{t('qcFail')}{page.reason ? `：${t(FAIL_REASON_KEYS[page.reason])}` : ''}</Tag>}
      </Space>}>
      <Row gutter={12}>
        <Col span={10}>
          <Typography.Text strong>{t('qcScan')}</Typography.Text>
          <div style={{ height: 440, background: '#f0f0f0', display: 'flex', alignItems: 'center', justifyContent: 'center', marginTop: 4 }}>
            {src ? <img data-testid="qc-scan" src={src} alt={page.archivalCode} style={{ maxWidth: '100%', maxHeight: '100%' }} />
              : noImage ? <div data-testid="qc-no-image"><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('qcNoImage')} /></div> : <Spin />}
          </div>
        </Col>
        <Col span={7}>
          <Typography.Text strong>{t('qcOcr')}</Typography.Text>
          <pre data-testid="qc-ocr" style={{ height: 440, overflow: 'auto', whiteSpace: 'pre-wrap', background: '#fff', border: '1px solid #eee', padding: 8, marginTop: 4, fontSize: 13 }}>
            {page.ocrText ?? t('qcNoOcr')}
          </pre>
        </Col>
        <Col span={7}>
          <Typography.Text strong>{t('qcCatalog')}</Typography.Text>
          <Descriptions data-testid="qc-catalog" size="small" column={1} bordered style={{ marginTop: 4 }} items={[
            { key: 'code', label: t('qcFieldCode'), children: page.archivalCode },
            { key: 'title', label: t('qcFieldTitle'), children: c.title },
            { key: 'item', label: t('qcFieldItemTitle'), children: c.itemTitle || '–' },
            { key: 'creator', label: t('qcFieldCreator'), children: c.creator || '–' },
            { key: 'doc', label: t('qcFieldDocNumber'), children: c.docNumber || '–' },
            { key: 'date', label: t('qcFieldDocDate'), children: c.docDate ?? '–' },
            { key: 'year', label: t('qcFieldYear'), children: c.year },
            { key: 'ret', label: t('qcFieldRetention'), children: retentionName(t, c.retention) },
            { key: 'cls', label: t('qcFieldClassification'), children: classificationName(t, c.classification) },
            { key: 'findings', label: t('qcFindings'), children: <span data-testid="qc-page-findings">{page.findings.length === 0 ? t('qcNoFindings') : page.findings.map((f) => <Tag key={f.check} color="orange">{t(CHECK_KEYS[f.check])}</Tag>)}</span> },
          ]} />
        </Col>
      </Row>
      {!readOnly && (
        <Space wrap style={{ marginTop: 12 }}>
          <Button type="primary" data-testid="qc-pass" loading={busy} onClick={() => void judge('pass')}>{t('qcPass')}</Button>
          <Select<FailReason> data-testid="qc-reason" placeholder={t('qcReason')} value={reason} style={{ width: 240 }} allowClear onChange={(v) => setReason(v)}
            options={FAIL_REASONS.map((r) => ({ value: r, label: t(FAIL_REASON_KEYS[r]) }))} />
          <Input data-testid="qc-note" placeholder={t('qcNote')} value={note} style={{ width: 260 }} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
          <Button danger data-testid="qc-fail" loading={busy} onClick={() => void judge('fail')}>{t('qcFail')}</Button>
        </Space>
      )}
      {missingReason && <Alert data-testid="qc-reason-required" type="warning" showIcon title={t('qcReasonRequired')} style={{ marginTop: 8 }} />}
    </Card>
  );
}
