import { Button, Card, Col, Form, Input, InputNumber, Progress, Row, Space, Steps, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ApprovalInput, ErrorDTO, ExportTransferResult, FourPropertyReport } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { ApprovalModal } from './ApprovalModal.js';
import { FourPropertyView } from './FourPropertyView.js';
import { TransferDoneStep } from './TransferDoneStep.js';
import { TransferListCard } from './TransferListCard.js';
import { TransferOutputStep } from './TransferOutputStep.js';
import { outputRequestOf, type OutputValues } from './transferOutput.js';
import { sizeText, useJobProgress } from './useJobProgress.js';
import { useLiveCount, type SelectValues } from './useLiveCount.js';

/**
 * The transfer wizard (移交): select with a live count and size, the four-property self-check
 * with every failing item and why, the security officer's approval in a modal, then writing the
 * signed folder, ZIP or carriers with progress and cancel. The transfers made so far, and
 * recording the archive's receipt, are below it.
 */
export function TransferScreen() {
  const { t } = useI18n();
  const [step, setStep] = useState(0);
  const [selectForm] = Form.useForm<SelectValues>();
  const [outputForm] = Form.useForm<OutputValues>();
  const values = Form.useWatch([], selectForm) as SelectValues | undefined;
  const { selection, preview, error: previewError, counting } = useLiveCount(values);
  const [report, setReport] = useState<(FourPropertyReport & { records: number }) | null>(null);
  const [checking, setChecking] = useState(false);
  const [approving, setApproving] = useState(false);
  const [writing, setWriting] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const [result, setResult] = useState<ExportTransferResult | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [listVersion, setListVersion] = useState(0);
  const check = useJobProgress(['self-check']);
  const write = useJobProgress(['export']);

  // A changed selection needs its own self-check.
  useEffect(() => setReport(null), [selection]);

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
    setApproving(false);
    setError(null);
    setCancelled(false);
    setWriting(true);
    try {
      const request = { selection, ...outputRequestOf(outputForm.getFieldsValue()) };
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
      setListVersion((v) => v + 1);
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

  const checkPct = check.progress && check.progress.total > 0 ? Math.round((check.progress.done / check.progress.total) * 100) : 0;

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

      {/* Kept mounted while hidden: going back keeps what was typed. */}
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
              <Progress percent={checkPct} status="active" />
            </div>
          )}
          {report && <FourPropertyView report={report} records={report.records} />}
        </div>
      )}

      {step === 2 && (
        <>
          <TransferOutputStep
            form={outputForm}
            writing={writing}
            cancelled={cancelled}
            progress={write.progress}
            onBack={() => setStep(1)}
            onSubmit={() => setApproving(true)}
            onCancel={() => void write.cancel()}
          />
          {report && !report.passed && <FourPropertyView report={report} records={report.records} />}
        </>
      )}

      {step === 3 && result && <TransferDoneStep result={result} onRestart={restart} />}

      <ApprovalModal open={approving} onCancel={() => setApproving(false)} onApprove={(a) => runExport(a)} />
      <TransferListCard version={listVersion} />
    </Card>
  );
}
