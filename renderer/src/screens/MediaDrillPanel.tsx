import { Alert, Button, Checkbox, Descriptions, Form, Input, Progress, Typography } from 'antd';
import { useState } from 'react';
import type { DrillReport, ErrorDTO, MediumRow } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { useJobProgress } from './useJobProgress.js';

interface Values {
  from: string[];
  passphrase: string;
}

/**
 * The restore drill (恢复演练): the vault restored from the chosen media with the backup
 * passphrase into a scratch folder and compared with the live one; nothing live is touched.
 */
export function MediaDrillPanel({ media }: { media: MediumRow[] }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [report, setReport] = useState<DrillReport | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useJobProgress(['restore']);
  const mounted = media.filter((m) => m.state !== 'retired' && m.mountPath);

  const run = async (v: Values) => {
    setError(null);
    setReport(null);
    setBusy(true);
    try {
      setReport(await job.follow(() => call('media:drill', { from: v.from, passphrase: v.passphrase })));
      form.resetFields(['passphrase']);
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setBusy(false);
    }
  };

  const p = job.progress;
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('mediaDrillIntro')}</Typography.Paragraph>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" disabled={busy} onFinish={(v) => void run(v)}>
        <Form.Item name="from" label={t('mediaDrillFrom')} rules={[{ required: true, message: t('required') }]}>
          <Checkbox.Group data-testid="media-drill-from" options={mounted.map((m) => ({ value: m.mountPath!, label: `${m.id} · ${m.label} · ${m.mountPath}` }))} />
        </Form.Item>
        <Form.Item name="passphrase" label={t('mediaDrillPassphrase')} rules={[{ required: true, message: t('required') }]} style={{ maxWidth: 400 }}>
          <Input.Password data-testid="media-drill-passphrase" autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="media-drill-run" loading={busy}>{t('mediaDrillRun')}</Button>
      </Form>
      {busy && <Progress style={{ marginTop: 16 }} percent={p && p.total > 0 ? Math.round((p.done / p.total) * 100) : 0} status="active" />}
      {report && (
        <div style={{ marginTop: 16 }}>
          <Alert
            data-testid={report.matchesLive ? 'media-drill-ok' : 'media-drill-bad'}
            type={report.matchesLive ? 'success' : 'error'}
            showIcon
            title={t(report.matchesLive ? 'mediaDrillOk' : 'mediaDrillBad', { restored: report.restored + report.alreadyThere, objects: report.objects, missing: report.missing.length, differences: report.differences.length })}
            style={{ marginBottom: 16 }}
          />
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={t('mediaDrillSnapshot')}>{`${report.snapshot.mediumId} · ${new Date(report.snapshot.writtenAt).toLocaleString()}`}</Descriptions.Item>
            <Descriptions.Item label={t('mediaDrillAudit')}>{t(report.audit.ok ? 'mediaDrillAuditOk' : 'mediaDrillAuditBad', { rows: report.audit.rows })}</Descriptions.Item>
          </Descriptions>
          {report.differences.length > 0 && <pre data-testid="media-drill-differences" style={{ marginTop: 16 }}>{report.differences.slice(0, 50).join('\n')}</pre>}
        </div>
      )}
    </div>
  );
}
