import { Alert, Button, Col, Form, Input, Popconfirm, Progress, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import type { ErrorDTO, MediumRow, MigrationResult } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { useJobProgress } from './useJobProgress.js';

interface Values {
  from: string;
  to: string;
  toPath?: string;
  reason?: string;
}

/**
 * Migrating a failing or ageing medium (迁移): its copies are written to another registered
 * medium and verified there in full before the old one is retired (kept for the set years).
 */
export function MediaMigratePanel({ media, onChanged }: { media: MediumRow[]; onChanged: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [result, setResult] = useState<MigrationResult | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useJobProgress(['migrate']);
  const from = Form.useWatch('from', form);
  const live = media.filter((m) => m.state !== 'retired');
  const option = (m: MediumRow) => ({ value: m.id, label: `${m.id} · ${m.label}` });

  const run = async () => {
    const v = await form.validateFields();
    setError(null);
    setResult(null);
    setBusy(true);
    try {
      setResult(await job.follow(() => call('media:migrate', {
        from: v.from, to: { mediumId: v.to, ...(v.toPath?.trim() ? { path: v.toPath.trim() } : {}) }, ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      })));
      form.resetFields();
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setBusy(false);
      onChanged();
    }
  };

  const p = job.progress;
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('mediaMigrateIntro')}</Typography.Paragraph>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {result && <Alert data-testid="media-migrate-done" type="success" showIcon title={t('mediaMigrateDone', { from: result.from, to: result.to, copied: result.copied, until: new Date(result.keepUntil).toLocaleDateString() })} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" disabled={busy}>
        <Row gutter={16}>
          <Col span={6}><Form.Item name="from" label={t('mediaMigrateFrom')} rules={[{ required: true, message: t('required') }]}><Select data-testid="media-migrate-from" options={live.map(option)} /></Form.Item></Col>
          <Col span={6}><Form.Item name="to" label={t('mediaMigrateTo')} rules={[{ required: true, message: t('required') }]}><Select data-testid="media-migrate-to" options={live.filter((m) => m.id !== from).map(option)} /></Form.Item></Col>
          <Col span={6}><Form.Item name="toPath" label={t('mediaMigrateToPath')}><Input style={{ fontFamily: 'monospace' }} /></Form.Item></Col>
          <Col span={6}><Form.Item name="reason" label={t('mediaMigrateReason')}><Input data-testid="media-migrate-reason" /></Form.Item></Col>
        </Row>
      </Form>
      <Popconfirm title={t('mediaMigrateConfirm')} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void run()}>
        <Button type="primary" data-testid="media-migrate-run" loading={busy}>{t('mediaMigrateRun')}</Button>
      </Popconfirm>
      {busy && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text>{t('mediaMigrateRunning', { done: p?.done ?? 0, total: p?.total ?? '…' })}</Typography.Text>
          <Progress percent={p && p.total > 0 ? Math.round((p.done / p.total) * 100) : 0} status="active" />
        </div>
      )}
    </div>
  );
}
