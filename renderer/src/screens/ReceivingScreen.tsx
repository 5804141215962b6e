import { Alert, Button, Card, Col, Form, Input, Popconfirm, Progress, Row, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApprovalInput, ErrorDTO, ImportPackageResult, PackageImportRow, PackageVerification } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { ApprovalModal } from './ApprovalModal.js';
import { PackageReport, stageName } from './PackageReport.js';
import { ReceivingListCard } from './ReceivingListCard.js';
import { useJobProgress } from './useJobProgress.js';

/**
 * Receiving a transfer package (接收): its staged verification with every problem, the import,
 * and the signed receipt issued with the security officer's approval; the packages received so
 * far below, each of which can still get its receipt.
 */
export function ReceivingScreen() {
  const { t } = useI18n();
  const [form] = Form.useForm<{ path: string; pin?: string }>();
  const [verification, setVerification] = useState<PackageVerification | null>(null);
  const [verifiedPath, setVerifiedPath] = useState<{ path: string; pin?: string } | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<ImportPackageResult | null>(null);
  const [receiptFor, setReceiptFor] = useState<number | null>(null);
  const [receiptOut, setReceiptOut] = useState('');
  const [approving, setApproving] = useState(false);
  const [issued, setIssued] = useState<string | null>(null);
  const [rows, setRows] = useState<PackageImportRow[]>([]);
  const [error, setError] = useState<ErrorDTO | null>(null);
  const verifyJob = useJobProgress(['verify-package']);
  const importJob = useJobProgress(['import']);

  const load = useCallback(async () => {
    try {
      setRows(await call('receiving:list', undefined));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const verify = async (v: { path: string; pin?: string }) => {
    const ref = { path: v.path.trim(), ...(v.pin?.trim() ? { pin: v.pin.trim() } : {}) };
    setError(null);
    setVerification(null);
    setImported(null);
    setIssued(null);
    setVerifying(true);
    try {
      setVerification(await verifyJob.follow(() => call('receiving:verify', ref)));
      setVerifiedPath(ref);
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setVerifying(false);
    }
  };

  const runImport = async () => {
    if (!verifiedPath) return;
    setError(null);
    setImporting(true);
    try {
      const r = await importJob.follow(() => call('receiving:import', verifiedPath));
      setImported(r);
      setReceiptFor(r.importId);
      await load();
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setImporting(false);
    }
  };

  const issue = async (approval: ApprovalInput) => {
    if (receiptFor === null) return;
    setApproving(false);
    setError(null);
    setIssued(null);
    try {
      const r = await call('receiving:issueReceipt', { importId: receiptFor, out: receiptOut.trim(), approval });
      setIssued(r.path);
      await load();
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  const pct = (p: { done: number; total: number } | null) => (p && p.total > 0 ? Math.round((p.done / p.total) * 100) : 0);
  const v = verification;

  return (
    <Card title={t('receivingTitle')}>
      <Typography.Paragraph type="secondary">{t('receivingIntro')}</Typography.Paragraph>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" onFinish={(x) => void verify(x)} disabled={verifying || importing}>
        <Row gutter={16}>
          <Col span={14}><Form.Item name="path" label={t('receivingPath')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input data-testid="receiving-path" style={{ fontFamily: 'monospace' }} /></Form.Item></Col>
          <Col span={10}><Form.Item name="pin" label={t('receivingPin')}><Input data-testid="receiving-pin" style={{ fontFamily: 'monospace' }} /></Form.Item></Col>
        </Row>
        <Button type="primary" htmlType="submit" data-testid="receiving-verify" loading={verifying}>{t('receivingVerify')}</Button>
      </Form>
      {verifying && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text>{t('receivingVerifying', { stage: stageName(t, verifyJob.progress?.message ?? ''), done: verifyJob.progress?.done ?? 0, total: verifyJob.progress?.total ?? '…' })}</Typography.Text>
          <Progress percent={pct(verifyJob.progress)} status="active" />
        </div>
      )}
      {v && (
        <div data-testid="receiving-report" style={{ marginTop: 16 }}>
          <PackageReport v={v} />
          {v.valid && !imported && (
            <Space style={{ marginTop: 8 }}>
              <Popconfirm title={t('receivingImportConfirm', { records: v.records ?? 0 })} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void runImport()}>
                <Button type="primary" data-testid="receiving-import" loading={importing}>{t('receivingImport')}</Button>
              </Popconfirm>
              <Button danger data-testid="receiving-cancel" disabled={!importing} onClick={() => void importJob.cancel()}>{t('cancel')}</Button>
            </Space>
          )}
          {importing && (
            <div style={{ marginTop: 16 }}>
              <Typography.Text>{t('receivingImporting', { done: importJob.progress?.done ?? 0, total: importJob.progress?.total ?? '…' })}</Typography.Text>
              <Progress percent={pct(importJob.progress)} status="active" />
            </div>
          )}
          {imported && (
            <Alert
              data-testid="receiving-imported"
              type="success"
              showIcon
              title={imported.alreadyImported ? t('receivingAlready', { importId: imported.importId }) : t('receivingImported', { id: imported.transferId, records: imported.records.length, importId: imported.importId })}
              style={{ marginTop: 16 }}
            />
          )}
        </div>
      )}
      {receiptFor !== null && (
        <Card type="inner" title={`${t('receivingIssue')} · ${receiptFor}`} style={{ marginTop: 16 }}>
          <Space.Compact style={{ width: '100%' }}>
            <Input data-testid="receiving-receipt-out" placeholder={t('receivingReceiptOut')} value={receiptOut} onChange={(e) => setReceiptOut(e.target.value)} style={{ fontFamily: 'monospace' }} />
            <Button type="primary" data-testid="receiving-issue" disabled={!receiptOut.trim()} onClick={() => setApproving(true)}>{t('receivingIssue')}</Button>
          </Space.Compact>
          {issued && <Alert data-testid="receiving-issued" type="success" showIcon title={t('receivingIssued', { path: issued })} style={{ marginTop: 16 }} />}
        </Card>
      )}
      <ApprovalModal open={approving} onCancel={() => setApproving(false)} onApprove={(a) => issue(a)} />
      <ReceivingListCard rows={rows} onReceipt={setReceiptFor} />
    </Card>
  );
}
