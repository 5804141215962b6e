import { Alert, Button, Card, Checkbox, Col, Form, Input, InputNumber, Popconfirm, Progress, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { ErrorDTO, IngestSummary, JobProgress } from '../../../electron/contract.js';
import type { MessageKey, T } from '../i18n/index.js';
import { asErrorDTO, call, onEvent } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { classificationName, retentionName, useI18n } from '../i18n/index.js';

interface Values {
  paths: string;
  categoryCode?: string;
  year?: number | null;
  retention?: string;
  classification?: string;
  title?: string;
  eachFile?: boolean;
  /** 档号 of a catalog entry awaiting its scans: the files become its pages, the fields below are not sent. */
  attachTo?: string;
}

type IngestItemReport = IngestSummary['items'][number];

const STATUS_KEYS: Record<IngestItemReport['status'], MessageKey> = {
  pending: 'ingestStatusPending',
  staged: 'ingestStatusStaged',
  done: 'ingestStatusDone',
  failed: 'ingestStatusFailed',
  skipped: 'ingestStatusSkipped',
};

/** The engine's item message holds zh and en on a line each: show the one the UI speaks. */
function itemMessage(message: string, lang: 'zh' | 'en'): string {
  const [zhLine, enLine] = message.split('\n');
  return (lang === 'en' ? enLine : zhLine) ?? zhLine ?? message;
}

export function IngestScreen() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  // The running ingest's job (0 until the engine has named it): one at a time on this screen.
  const [jobId, setJobId] = useState<number | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [summary, setSummary] = useState<IngestSummary | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [error, setError] = useState<ErrorDTO | null>(null);
  const job = useRef<number | null>(null);
  const attaching = (Form.useWatch('attachTo', form) ?? '').trim() !== '';

  useEffect(
    () =>
      onEvent((e) => {
        const mine = (id: number) => job.current !== null && (job.current === 0 || job.current === id);
        if (e.type === 'job:progress' && e.progress.kind === 'ingest' && mine(e.progress.jobId)) {
          job.current = e.progress.jobId;
          setProgress(e.progress);
        }
        if (e.type === 'ingest:done' && mine(e.jobId)) {
          job.current = null;
          setJobId(null);
          if (e.result.ok) {
            const v = e.result.value;
            // Progress events are throttled: the last one may be several items old. The bar ends
            // where the summary says the run ended, so the two never disagree.
            setProgress((p) => ({ jobId: v.jobId, kind: 'ingest', done: v.items.filter((i) => i.status !== 'pending' && i.status !== 'staged').length, total: v.items.length, failed: v.items.filter((i) => i.status === 'failed').length, message: '', etaSeconds: p?.etaSeconds ?? null }));
            setSummary(v);
            setCancelled(e.result.value.status === 'cancelled');
            // A cancelled ingest ends with its summary (status 'cancelled'), never as an error.
          } else setError(e.result.error);
        }
      }),
    [],
  );

  const choose = async (kind: 'files' | 'folder') => {
    try {
      const chosen = await call('dialog:choosePaths', { kind });
      if (chosen.length) form.setFieldValue('paths', [form.getFieldValue('paths') ?? '', ...chosen].filter(Boolean).join('\n'));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  const start = async (v: Values) => {
    setError(null);
    setSummary(null);
    setCancelled(false);
    setProgress(null);
    const paths = v.paths.split(/\r?\n/).map((p) => p.trim()).filter(Boolean);
    const metadata = {
      ...(v.categoryCode ? { categoryCode: v.categoryCode } : {}),
      ...(v.year ? { year: v.year } : {}),
      ...(v.retention ? { retention: v.retention } : {}),
      ...(v.classification ? { classification: v.classification } : {}),
      ...(v.title ? { title: v.title } : {}),
    };
    const attachTo = v.attachTo?.trim();
    job.current = 0;
    setJobId(0);
    try {
      const r = await call('ingest:start', attachTo ? { paths, attachTo } : { paths, metadata, eachFile: v.eachFile ?? false });
      if (job.current !== null) {
        job.current = r.jobId;
        setJobId(r.jobId);
      }
    } catch (e) {
      job.current = null;
      setJobId(null);
      setError(asErrorDTO(e));
    }
  };

  const cancel = async () => {
    if (!jobId) return;
    try {
      await call('jobs:cancel', { jobId });
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Card title={t('ingestTitle')}>
      <Typography.Paragraph type="secondary">{t('ingestIntro')}</Typography.Paragraph>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" onFinish={(v) => void start(v)} initialValues={{ retention: 'Y', classification: 'public', eachFile: false }} disabled={jobId !== null}>
        <Form.Item label={t('ingestPaths')} required>
          <Space.Compact style={{ width: '100%' }} orientation="vertical">
            <Form.Item name="paths" noStyle rules={[{ required: true, message: t('required') }]}>
              <Input.TextArea data-testid="ingest-paths" rows={3} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Space.Compact>
          <Space style={{ marginTop: 8 }}>
            <Button onClick={() => void choose('folder')}>{t('ingestChooseFolder')}</Button>
            <Button onClick={() => void choose('files')}>{t('ingestChooseFiles')}</Button>
            <Form.Item name="eachFile" valuePropName="checked" noStyle>
              <Checkbox data-testid="ingest-each-file" disabled={attaching}>{t('ingestEachFile')}</Checkbox>
            </Form.Item>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0 }}>{t('ingestGrouping')}</Typography.Paragraph>
        </Form.Item>
        <Form.Item name="attachTo" label={t('ingestAttachTo')} extra={t('ingestAttachHelp')}>
          <Input data-testid="ingest-attach-to" allowClear />
        </Form.Item>
        <Row gutter={16} style={attaching ? { display: 'none' } : undefined}>
          <Col span={4}><Form.Item name="categoryCode" label={t('ingestCategory')}><Input placeholder="WS" /></Form.Item></Col>
          <Col span={4}><Form.Item name="year" label={t('ingestYear')}><InputNumber data-testid="ingest-year" min={1000} max={9999} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={4}>
            <Form.Item name="retention" label={t('ingestRetention')}>
              <Select options={['Y', 'D30', 'D10'].map((r) => ({ value: r, label: retentionName(t, r) }))} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="classification" label={t('ingestClassification')}>
              <Select data-testid="ingest-classification" options={['public', 'internal', 'secret', 'confidential', 'top_secret'].map((c) => ({ value: c, label: classificationName(t, c) }))} />
            </Form.Item>
          </Col>
          <Col span={8}><Form.Item name="title" label={t('ingestTitleField')}><Input data-testid="ingest-title" /></Form.Item></Col>
        </Row>
      </Form>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" data-testid="ingest-start" loading={jobId !== null} onClick={() => form.submit()}>{t('ingestStart')}</Button>
        <Popconfirm title={t('ingestCancelConfirm')} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void cancel()}>
          <Button danger data-testid="ingest-cancel" disabled={!jobId}>{t('ingestCancel')}</Button>
        </Popconfirm>
      </Space>
      {(jobId !== null || progress) && (
        <div data-testid="ingest-progress" style={{ marginBottom: 16 }}>
          <Typography.Text>{t('ingestRunning', { done: progress?.done ?? 0, total: progress?.total ?? '…' })}</Typography.Text>
          <Progress percent={pct} status={jobId !== null ? 'active' : 'normal'} />
          {progress?.message && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{progress.message}</Typography.Text>}
        </div>
      )}
      {cancelled && <Alert type="info" showIcon title={t('ingestCancelled')} style={{ marginBottom: 16 }} />}
      {summary && (
        <>
          <Alert
            data-testid="ingest-done"
            type={summary.items.some((i) => i.status === 'failed') ? 'warning' : 'success'}
            showIcon
            title={ingestDoneText(t, summary)}
            style={{ marginBottom: 16 }}
          />
          <Table
            size="small"
            rowKey="key"
            dataSource={summary.items}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: t('ingestItem'), dataIndex: 'key', ellipsis: true },
              { title: t('colArchivalCode'), dataIndex: 'archivalCode', width: 240 },
              { title: t('colPages'), dataIndex: 'pageCount', width: 70 },
              { title: t('ingestStatus'), dataIndex: 'status', width: 240, render: (s: IngestItemReport['status'], i) => <span><Tag color={s === 'done' ? 'green' : s === 'failed' ? 'red' : 'default'}>{t(STATUS_KEYS[s])}</Tag>{i.error ? itemMessage(i.error.message, lang) : ''}</span> },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** One line that agrees with the table: new items, items already in the vault, failures. */
function ingestDoneText(t: T, summary: IngestSummary): string {
  const done = summary.items.filter((i) => i.status === 'done' && !i.alreadyIngested).length;
  const already = summary.items.filter((i) => i.status === 'skipped' || i.alreadyIngested).length;
  const failed = summary.items.filter((i) => i.status === 'failed').length;
  return already > 0 ? t('ingestDoneWithExisting', { done, already, failed }) : t('ingestDone', { done, failed });
}
