import { Alert, Button, Card, Col, Form, Input, Popconfirm, Progress, Row, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApprovalInput, ErrorDTO, ImportPackageResult, PackageImportRow, PackageVerification } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n, type MessageKey, type T } from '../i18n/index.js';
import { ApprovalModal } from './ApprovalModal.js';
import { useJobProgress } from './useJobProgress.js';

type Problem = PackageVerification['problems'][number];

const STAGE_KEYS: Record<string, MessageKey> = {
  structure: 'stageStructure',
  'bag-info': 'stageBagInfo',
  'payload-oxum': 'stagePayloadOxum',
  completeness: 'stageCompleteness',
  digests: 'stageDigests',
  'tag-manifests': 'stageTagManifests',
  signature: 'stageSignature',
  pin: 'stagePin',
  catalog: 'stageCatalog',
  layout: 'stageLayout',
  'four-property': 'stageFourProperty',
  'carrier-set': 'stageCarrierSet',
};

function stageName(t: T, stage: string): string {
  const k = STAGE_KEYS[stage];
  return k ? t(k) : stage;
}

function ProblemTable({ rows, testId }: { rows: Problem[]; testId: string }) {
  const { t, lang } = useI18n();
  return (
    <Table<Problem>
      data-testid={testId}
      size="small"
      rowKey={(p) => `${p.stage}:${p.code}:${p.path ?? ''}:${p.message.en}`}
      pagination={{ pageSize: 20 }}
      dataSource={rows}
      columns={[
        { title: t('receivingColStage'), dataIndex: 'stage', width: 130, render: (s: string) => stageName(t, s) },
        { title: t('receivingColCode'), dataIndex: 'code', width: 200, render: (c: string) => <Tag>{c}</Tag> },
        { title: t('receivingColPath'), dataIndex: 'path', width: 260, ellipsis: true },
        { title: t('receivingColProblem'), render: (_: unknown, p: Problem) => p.message[lang] || p.message.zh },
      ]}
    />
  );
}

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
          <Alert
            data-testid={v.valid ? 'receiving-valid' : 'receiving-invalid'}
            type={v.valid ? 'success' : 'error'}
            showIcon
            title={v.valid
              ? t('receivingValid', { id: v.transferId ?? '?', org: v.sourceOrganization ?? '?', records: v.records ?? 0, files: v.payload?.files ?? 0 })
              : t('receivingInvalid', { count: v.problems.length })}
            style={{ marginBottom: 16 }}
          />
          <Typography.Text strong>{t('receivingStages')}：</Typography.Text>
          <Space wrap style={{ marginBottom: 16 }} data-testid="receiving-stages">
            {v.stages.map((s) => {
              const bad = v.problems.some((p) => p.stage === s);
              return <Tag key={s} color={bad ? 'red' : 'green'}>{stageName(t, s)}</Tag>;
            })}
          </Space>
          {v.problems.length > 0 && (
            <>
              <Typography.Title level={5}>{t('receivingProblems')}</Typography.Title>
              <ProblemTable rows={v.problems} testId="receiving-problems" />
            </>
          )}
          {v.warnings.length > 0 && (
            <>
              <Typography.Title level={5}>{t('receivingWarnings')}</Typography.Title>
              <ProblemTable rows={v.warnings} testId="receiving-warnings" />
            </>
          )}
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
      <Card type="inner" title={t('receivingListTitle')} style={{ marginTop: 24 }}>
        <Table<PackageImportRow>
          data-testid="receiving-list"
          size="small"
          rowKey="id"
          pagination={{ pageSize: 10 }}
          dataSource={rows}
          columns={[
            { title: t('receivingColTransfer'), dataIndex: 'transferId', width: 200 },
            { title: t('receivingColOrg'), dataIndex: 'sourceOrganization' },
            { title: t('receivingColRecords'), dataIndex: 'recordCount', width: 80 },
            { title: t('receivingColAt'), dataIndex: 'importedAt', width: 180, render: (x: string) => new Date(x).toLocaleString() },
            {
              title: t('receivingColReceipt'), dataIndex: 'receiptIssuedAt', width: 140,
              render: (x: string | null, r: PackageImportRow) => x ? <Tag color="green">{t('receivingReceiptYes')}</Tag>
                : <Button size="small" data-testid={`receiving-receipt-for-${r.id}`} onClick={() => setReceiptFor(r.id)}>{t('receivingReceiptNo')} · {t('receivingIssue')}</Button>,
            },
          ]}
        />
      </Card>
    </Card>
  );
}
