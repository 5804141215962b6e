import { Alert, Button, Card, Col, Form, Input, InputNumber, Popconfirm, Progress, Radio, Row, Space, Steps, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApprovalInput, ErrorDTO, ExportTransferResult, FourPropertyReport, TransferPreview, TransferRow, TransferSelection } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { ApprovalModal } from './ApprovalModal.js';
import { FourPropertyView } from './FourPropertyView.js';
import { sizeText, useJobProgress } from './useJobProgress.js';

interface SelectValues {
  year?: number | null;
  categoryCode?: string;
  codes?: string;
  query?: string;
}

interface OutputValues {
  output: string;
  kind: 'folder' | 'zip';
  toUnit?: string;
  transferName?: string;
}

const STATE_KEYS: Record<TransferRow['state'], MessageKey> = {
  prepared: 'transferStatePrepared',
  refused: 'transferStateRefused',
  sealed: 'transferStateSealed',
  delivered: 'transferStateDelivered',
  receipted: 'transferStateReceipted',
};

/** The form's fields as the engine's selection; null when nothing is given (the engine would refuse it). */
function selectionOf(v: SelectValues): TransferSelection | null {
  const codes = (v.codes ?? '').split(/\r?\n/).map((c) => c.trim()).filter(Boolean);
  const s: TransferSelection = {
    ...(v.year ? { year: v.year } : {}),
    ...(v.categoryCode?.trim() ? { categoryCode: v.categoryCode.trim().toUpperCase() } : {}),
    ...(codes.length ? { codes } : {}),
    ...(v.query?.trim() ? { query: v.query.trim() } : {}),
  };
  return Object.keys(s).length ? s : null;
}

const PREVIEW_DELAY_MS = 300;

/**
 * The transfer wizard (移交): select with a live count and size, the four-property self-check
 * with every failing item and why, the security officer's approval in a modal, then writing the
 * signed folder or ZIP with progress and cancel. The transfers made so far, and recording the
 * archive's receipt, are below it.
 */
export function TransferScreen() {
  const { t } = useI18n();
  const [step, setStep] = useState(0);
  const [selectForm] = Form.useForm<SelectValues>();
  const [outputForm] = Form.useForm<OutputValues>();
  const values = Form.useWatch([], selectForm) as SelectValues | undefined;
  const [selection, setSelection] = useState<TransferSelection | null>(null);
  const [preview, setPreview] = useState<TransferPreview | null>(null);
  const [previewError, setPreviewError] = useState<ErrorDTO | null>(null);
  const [counting, setCounting] = useState(false);
  const [report, setReport] = useState<(FourPropertyReport & { records: number }) | null>(null);
  const [checking, setChecking] = useState(false);
  const [approving, setApproving] = useState(false);
  const [writing, setWriting] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const [result, setResult] = useState<ExportTransferResult | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [transfers, setTransfers] = useState<TransferRow[]>([]);
  const [receiptFile, setReceiptFile] = useState('');
  const [receiptNote, setReceiptNote] = useState<string | null>(null);
  const check = useJobProgress(['self-check']);
  const write = useJobProgress(['export']);

  const loadTransfers = useCallback(async () => {
    try {
      setTransfers(await call('transfer:list', undefined));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, []);
  useEffect(() => {
    void loadTransfers();
  }, [loadTransfers]);

  // The live count: asked for a moment after the person stops typing; a newer answer wins.
  useEffect(() => {
    const s = selectionOf(values ?? {});
    setSelection(s);
    setReport(null);
    setPreviewError(null);
    if (!s) {
      setPreview(null);
      return;
    }
    let stale = false;
    setCounting(true);
    const timer = setTimeout(() => {
      call('transfer:preview', s).then(
        (p) => !stale && setPreview(p),
        (e: unknown) => {
          if (stale) return;
          setPreview(null);
          setPreviewError(asErrorDTO(e));
        },
      ).finally(() => !stale && setCounting(false));
    }, PREVIEW_DELAY_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [values]);

  const runCheck = async () => {
    if (!selection) return;
    setError(null);
    setReport(null);
    setChecking(true);
    try {
      setReport(await check.follow(() => call('transfer:selfCheck', selection)));
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setChecking(false);
    }
  };

  const runExport = async (approval: ApprovalInput) => {
    if (!selection) return;
    const o = outputForm.getFieldsValue();
    setApproving(false);
    setError(null);
    setCancelled(false);
    setWriting(true);
    try {
      const request = {
        selection, output: o.output.trim(), kind: o.kind,
        ...(o.toUnit?.trim() ? { toUnit: o.toUnit.trim() } : {}),
        ...(o.transferName?.trim() ? { transferName: o.transferName.trim() } : {}),
      };
      setResult(await write.follow(() => call('transfer:export', { request, approval })));
      setStep(3);
    } catch (e) {
      const dto = asErrorDTO(e);
      if (dto.code === 'TRANSFER_CANCELLED') setCancelled(true);
      else setError(dto);
      // A refusal by the self-check carries its report: show which items and why.
      const r = dto.details['report'] as FourPropertyReport | undefined;
      if (dto.code === 'TRANSFER_SELF_CHECK_FAILED' && r) setReport({ ...r, records: preview?.records ?? 0 });
    } finally {
      setWriting(false);
      void loadTransfers();
    }
  };

  const recordReceipt = async () => {
    setError(null);
    setReceiptNote(null);
    try {
      const r = await call('transfer:recordReceipt', { file: receiptFile.trim() });
      setReceiptNote(r.alreadyRecorded ? t('transferReceiptAlready', { id: r.transferId }) : t('transferReceiptDone', { id: r.transferId, records: r.records }));
      await loadTransfers();
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  const restart = () => {
    selectForm.resetFields();
    outputForm.resetFields();
    setResult(null);
    setReport(null);
    setCancelled(false);
    setStep(0);
  };

  const pct = (p: { done: number; total: number } | null) => (p && p.total > 0 ? Math.round((p.done / p.total) * 100) : 0);

  return (
    <Card title={t('transferTitle')}>
      <Typography.Paragraph type="secondary">{t('transferIntro')}</Typography.Paragraph>
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 24 }}
        items={[{ title: t('transferStepSelect') }, { title: t('transferStepCheck') }, { title: t('transferStepWrite') }, { title: t('transferStepDone') }]}
      />
      <ErrorNotice error={error} onClose={() => setError(null)} />

      <div style={{ display: step === 0 ? 'block' : 'none' }}>
        <Form form={selectForm} layout="vertical">
          <Row gutter={16}>
            <Col span={4}><Form.Item name="year" label={t('transferYear')}><InputNumber data-testid="transfer-year" min={1000} max={9999} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={4}><Form.Item name="categoryCode" label={t('transferCategory')}><Input data-testid="transfer-category" placeholder="WS" /></Form.Item></Col>
            <Col span={16}><Form.Item name="query" label={t('transferQuery')}><Input data-testid="transfer-query" /></Form.Item></Col>
          </Row>
          <Form.Item name="codes" label={t('transferCodes')}><Input.TextArea data-testid="transfer-codes" rows={4} style={{ fontFamily: 'monospace' }} /></Form.Item>
        </Form>
        <div data-testid="transfer-count" style={{ marginBottom: 16 }}>
          {!selection ? <Typography.Text type="secondary">{t('transferCountEmpty')}</Typography.Text>
            : counting ? <Typography.Text type="secondary">{t('transferCounting')}</Typography.Text>
            : preview ? <Typography.Text strong>{t('transferCount', { records: preview.records, size: sizeText(preview.bytes) })}</Typography.Text> : null}
        </div>
        <ErrorNotice error={previewError} />
        <Button type="primary" data-testid="transfer-next-check" disabled={!preview || preview.records === 0 || counting} onClick={() => setStep(1)}>{t('transferNext')}</Button>
      </div>

      {step === 1 && (
        <div>
          <Space style={{ marginBottom: 16 }}>
            <Button onClick={() => setStep(0)} disabled={checking}>{t('transferBack')}</Button>
            <Button type="primary" data-testid="transfer-check" loading={checking} onClick={() => void runCheck()}>{t('transferCheckRun')}</Button>
            <Button data-testid="transfer-next-write" disabled={!report?.passed} onClick={() => setStep(2)}>{t('transferNext')}</Button>
          </Space>
          {checking && (
            <div style={{ marginBottom: 16 }}>
              <Typography.Text>{t('transferCheckRunning', { done: check.progress?.done ?? 0, total: check.progress?.total ?? '…' })}</Typography.Text>
              <Progress percent={pct(check.progress)} status="active" />
            </div>
          )}
          {report && <FourPropertyView report={report} records={report.records} />}
        </div>
      )}

      {step === 2 && (
        <div>
          <Form form={outputForm} layout="vertical" initialValues={{ kind: 'folder' }} disabled={writing} onFinish={() => setApproving(true)}>
            <Row gutter={16}>
              <Col span={12}><Form.Item name="output" label={t('transferOutput')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input data-testid="transfer-output" style={{ fontFamily: 'monospace' }} /></Form.Item></Col>
              <Col span={12}>
                <Form.Item name="kind" label={t('transferKind')}>
                  <Radio.Group data-testid="transfer-kind" options={[{ value: 'folder', label: t('transferKindFolder') }, { value: 'zip', label: t('transferKindZip') }]} />
                </Form.Item>
              </Col>
              <Col span={12}><Form.Item name="toUnit" label={t('transferToUnit')}><Input data-testid="transfer-to-unit" /></Form.Item></Col>
              <Col span={12}><Form.Item name="transferName" label={t('transferName')}><Input /></Form.Item></Col>
            </Row>
          </Form>
          <Space style={{ marginBottom: 16 }}>
            <Button onClick={() => setStep(1)} disabled={writing}>{t('transferBack')}</Button>
            <Button type="primary" data-testid="transfer-export" loading={writing} onClick={() => outputForm.submit()}>{t('transferExport')}</Button>
            <Popconfirm title={t('transferCancelConfirm')} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void write.cancel()}>
              <Button danger data-testid="transfer-cancel" disabled={!writing}>{t('transferCancel')}</Button>
            </Popconfirm>
          </Space>
          {writing && (
            <div data-testid="transfer-progress" style={{ marginBottom: 16 }}>
              <Typography.Text>{t('transferWriting', { done: write.progress?.done ?? 0, total: write.progress?.total ?? '…' })}</Typography.Text>
              <Progress percent={pct(write.progress)} status="active" />
              {write.progress?.message && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{write.progress.message}</Typography.Text>}
            </div>
          )}
          {cancelled && <Alert data-testid="transfer-cancelled" type="info" showIcon title={t('transferCancelled')} style={{ marginBottom: 16 }} />}
          {report && !report.passed && <FourPropertyView report={report} records={report.records} />}
        </div>
      )}

      {step === 3 && result && (
        <div>
          <Alert
            data-testid="transfer-done"
            type="success"
            showIcon
            title={t('transferDone', { id: result.transferId, records: result.records, files: result.package.files, size: sizeText(result.package.bytes), path: result.package.path })}
            style={{ marginBottom: 16 }}
          />
          <Button data-testid="transfer-new" onClick={restart}>{t('transferNew')}</Button>
        </div>
      )}

      <ApprovalModal open={approving} onCancel={() => setApproving(false)} onApprove={(a) => runExport(a)} />

      <Card type="inner" title={t('transferListTitle')} style={{ marginTop: 24 }}>
        <Table<TransferRow>
          data-testid="transfer-list"
          size="small"
          rowKey="id"
          pagination={{ pageSize: 10 }}
          dataSource={transfers}
          columns={[
            { title: t('transferColId'), dataIndex: 'id', width: 200 },
            { title: t('transferColState'), dataIndex: 'state', width: 120, render: (s: TransferRow['state']) => <Tag color={s === 'refused' ? 'red' : s === 'receipted' ? 'green' : 'blue'}>{t(STATE_KEYS[s])}</Tag> },
            { title: t('transferColRecords'), dataIndex: 'recordCount', width: 80 },
            { title: t('transferColSize'), dataIndex: 'byteCount', width: 100, render: (b: number) => sizeText(b) },
            { title: t('transferColAt'), dataIndex: 'createdAt', width: 180, render: (v: string) => new Date(v).toLocaleString() },
            { title: t('transferColOutput'), dataIndex: 'outputPath', ellipsis: true },
          ]}
        />
        <Space.Compact style={{ width: '100%', marginTop: 16 }}>
          <Input data-testid="transfer-receipt-file" placeholder={t('transferReceiptFile')} value={receiptFile} onChange={(e) => setReceiptFile(e.target.value)} />
          <Button data-testid="transfer-receipt-record" disabled={!receiptFile.trim()} onClick={() => void recordReceipt()}>{t('transferReceiptRecord')}</Button>
        </Space.Compact>
        {receiptNote && <Alert data-testid="transfer-receipt-done" type="success" showIcon title={receiptNote} style={{ marginTop: 16 }} />}
      </Card>
    </Card>
  );
}
