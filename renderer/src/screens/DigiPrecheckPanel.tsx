import { Alert, Button, Card, Checkbox, Col, Input, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { ErrorDTO, PrecheckInput, PrecheckOutcome, ProjectDetail, ReturnRow } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { PRECHECK_RESULT_KEYS } from './digiLabels.js';

/**
 * The pre-check of one paper item before scanning: what the person found on the paper (a
 * classification mark and whether it is declassified, completeness, order, paper ↔ catalog,
 * pages). The engine decides: a 密级 item without declassification stops and is registered as
 * returned; the register of returned items is below.
 */
export function DigiPrecheckPanel({ detail, onChanged }: { detail: ProjectDetail; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const waiting = detail.items.filter((i) => i.state === 'pending' || i.state === 'ready');
  const [code, setCode] = useState<string | undefined>(undefined);
  const [mark, setMark] = useState('');
  const [declassified, setDeclassified] = useState(false);
  const [complete, setComplete] = useState(true);
  const [orderOk, setOrderOk] = useState(true);
  const [matches, setMatches] = useState(true);
  const [pageCount, setPageCount] = useState<number | null>(null);
  const [returnedTo, setReturnedTo] = useState('');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<(PrecheckOutcome & { code: string }) | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const run = async () => {
    if (!code) return;
    setError(null);
    setOutcome(null);
    const input: PrecheckInput = { complete, orderOk, matchesCatalog: matches };
    if (mark.trim()) input.classificationMark = mark.trim();
    if (declassified) input.declassified = true;
    if (pageCount !== null) input.pageCount = pageCount;
    if (note.trim()) input.note = note.trim();
    if (returnedTo.trim()) input.returnedTo = returnedTo.trim();
    try {
      const r = await call('digitization:precheck', { project: detail.project.id, code, input });
      setOutcome({ ...r, code });
      setCode(undefined);
      setMark('');
      setDeclassified(false);
      setPageCount(null);
      setNote('');
      onChanged();
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  const open = detail.project.state === 'open';
  const type = outcome?.result === 'pass' ? 'success' : outcome?.result === 'stopped' ? 'error' : 'warning';
  return (
    <div>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {outcome && (
        <Alert data-testid="digi-precheck-outcome" data-result={outcome.result} type={type} showIcon style={{ marginBottom: 12 }}
          title={t('digiPrecheckOutcome', { code: outcome.code, result: t(PRECHECK_RESULT_KEYS[outcome.result]) })}
          description={[...outcome.problems, ...outcome.notes].map((p) => p[lang] || p.zh).join('；') || undefined} />
      )}
      {open && (
        <Card type="inner" size="small" title={t('digiPrecheckTitle')} style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col span={10}>
              <Select data-testid="digi-precheck-item" placeholder={t('digiChooseItem')} value={code} onChange={setCode} style={{ width: '100%' }} showSearch
                options={waiting.map((i) => ({ value: i.archivalCode, label: `${i.archivalCode} ${i.title}` }))} notFoundContent={t('digiNoWaitingItems')} />
            </Col>
            <Col span={6}><Input data-testid="digi-precheck-mark" placeholder={t('digiPrecheckMark')} value={mark} maxLength={100} onChange={(e) => setMark(e.target.value)} /></Col>
            <Col span={8}><Checkbox data-testid="digi-precheck-declassified" checked={declassified} onChange={(e) => setDeclassified(e.target.checked)}>{t('digiPrecheckDeclassified')}</Checkbox></Col>
          </Row>
          <Space wrap style={{ marginTop: 8 }}>
            <Checkbox data-testid="digi-precheck-complete" checked={complete} onChange={(e) => setComplete(e.target.checked)}>{t('digiPrecheckComplete')}</Checkbox>
            <Checkbox data-testid="digi-precheck-order" checked={orderOk} onChange={(e) => setOrderOk(e.target.checked)}>{t('digiPrecheckOrder')}</Checkbox>
            <Checkbox data-testid="digi-precheck-matches" checked={matches} onChange={(e) => setMatches(e.target.checked)}>{t('digiPrecheckMatches')}</Checkbox>
            <span>{t('digiPrecheckPages')}</span>
            <InputNumber data-testid="digi-precheck-pages" min={0} max={100000} value={pageCount} onChange={setPageCount} />
            <Input data-testid="digi-precheck-returned-to" placeholder={t('digiPrecheckReturnedTo')} value={returnedTo} maxLength={200} style={{ width: 200 }} onChange={(e) => setReturnedTo(e.target.value)} />
            <Input placeholder={t('qcNote')} value={note} maxLength={1000} style={{ width: 240 }} onChange={(e) => setNote(e.target.value)} />
            <Button type="primary" data-testid="digi-precheck-run" disabled={!code} onClick={() => void run()}>{t('digiPrecheckRun')}</Button>
          </Space>
        </Card>
      )}
      <Typography.Title level={5}>{t('digiReturnsTitle')}</Typography.Title>
      <Table<ReturnRow> data-testid="digi-returns" size="small" rowKey="id" pagination={false} dataSource={detail.returns} locale={{ emptyText: t('digiNoReturns') }}
        columns={[
          { title: t('qcFieldCode'), dataIndex: 'archivalCode', width: 240 },
          { title: t('digiColReason'), dataIndex: 'reason' },
          { title: t('digiColReturnedTo'), dataIndex: 'returnedTo', width: 140, render: (v: string) => v || '–' },
          { title: t('digiColBy'), dataIndex: 'by', width: 120 },
          { title: t('digiColAt'), dataIndex: 'at', width: 170, render: (v: string) => new Date(v).toLocaleString() },
        ]} />
    </div>
  );
}
