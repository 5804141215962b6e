import { Alert, Button, Form, Input, List, Popconfirm, Progress, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import type { ErrorDTO, RestoreReport, StatusDTO } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { RestoreResult } from './RestoreResult.js';
import { useJobProgress } from './useJobProgress.js';

const MEDIA = 0;
const KEY = 1;
const CONFIRM = 2;
const RUN = 3;
const RESULT = 4;

/** The step to go back to after a refusal: the one where what it names was entered. */
function stepOf(e: ErrorDTO): number {
  if (e.code.startsWith('MEDIUM_') || e.code === 'RESTORE_NO_SNAPSHOT') return MEDIA;
  if (e.code === 'KEY_PASSPHRASE_WRONG' || e.code === 'VAULT_NOT_EMPTY') return KEY;
  return CONFIRM;
}

/**
 * 恢复整个档案库: the media folders (one or more), the backup passphrase and an empty target
 * folder, a confirmation, the restore followed through its job's progress events, and the
 * result in words with a button to open the restored vault (the person then logs in with
 * their accounts from the restored catalog). No vault or login is needed: on a fresh machine
 * the passphrase is the authority, as for `lantai restore`. onRunning tells the host screen
 * while the restore runs (leaving then would lose its result page; the job goes on in the engine).
 */
export function RestoreWizard({ onOpened, onRunning }: { onOpened: (s: StatusDTO) => void; onRunning?: (running: boolean) => void }) {
  const { t } = useI18n();
  const [step, setStep] = useState(MEDIA);
  const [from, setFrom] = useState<string[]>(['']);
  const [passphrase, setPassphrase] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [report, setReport] = useState<RestoreReport | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useJobProgress(['restore']);
  const media = from.map((f) => f.trim()).filter((f) => f !== '');

  const browse = async (set: (p: string) => void) => {
    try {
      const [p] = await call('dialog:choosePaths', { kind: 'folder' });
      if (p) set(p);
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };
  const start = async () => {
    setError(null);
    setStep(RUN);
    onRunning?.(true);
    try {
      setReport(await job.follow(() => call('media:restore', { from: media, to: to.trim(), passphrase })));
      setPassphrase('');
      setStep(RESULT);
    } catch (e) {
      const dto = asErrorDTO(e);
      setError(dto);
      setStep(stepOf(dto));
    } finally {
      onRunning?.(false);
    }
  };
  // The restore stops after the object it is writing and ends in words (RESTORE_CANCELLED) on the
  // confirm step, whose start button then goes on from where it stopped.
  const cancel = async () => {
    try {
      await call('media:restoreCancel', undefined);
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };
  const open = async () => {
    if (!report) return;
    setBusy(true);
    setError(null);
    try {
      onOpened(await call('vault:open', { path: report.to }));
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setBusy(false);
    }
  };

  const p = job.progress;
  const nav = (back: number | null, next: { label: string; testId: string; disabled: boolean; onClick: () => void }) => (
    <Space>
      {back !== null && <Button data-testid="restore-back" onClick={() => setStep(back)}>{t('restoreBack')}</Button>}
      {/* Going on means the refusal was dealt with: it no longer stands above the next step. */}
      <Button type="primary" data-testid={next.testId} disabled={next.disabled} onClick={() => { setError(null); next.onClick(); }}>{next.label}</Button>
    </Space>
  );
  return (
    <div data-testid="restore-wizard">
      <Typography.Paragraph type="secondary">{t('restoreIntro')}</Typography.Paragraph>
      <Steps size="small" current={step} style={{ marginBottom: 24 }}
        items={[t('restoreStepMedia'), t('restoreStepKey'), t('restoreStepConfirm'), t('restoreStepRun'), t('restoreStepResult')].map((title) => ({ title }))} />
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {step === MEDIA && (
        <Form layout="vertical">
          <Typography.Paragraph>{t('restoreMediaHelp')}</Typography.Paragraph>
          {from.map((f, i) => (
            <Form.Item key={i} label={t('restoreMediaPath', { n: i + 1 })}>
              <Space.Compact style={{ width: '100%' }}>
                <Input data-testid={`restore-from-${i}`} value={f} onChange={(e) => setFrom(from.map((x, j) => (j === i ? e.target.value : x)))} />
                <Button onClick={() => void browse((v) => setFrom(from.map((x, j) => (j === i ? v : x))))}>{t('restoreBrowse')}</Button>
                {from.length > 1 && <Button data-testid={`restore-remove-${i}`} onClick={() => setFrom(from.filter((_, j) => j !== i))}>{t('restoreRemoveMedium')}</Button>}
              </Space.Compact>
            </Form.Item>
          ))}
          <Form.Item>
            <Button data-testid="restore-add-from" onClick={() => setFrom([...from, ''])}>{t('restoreAddMedium')}</Button>
          </Form.Item>
          {nav(null, { label: t('restoreNext'), testId: 'restore-next', disabled: media.length === 0, onClick: () => setStep(KEY) })}
        </Form>
      )}
      {step === KEY && (
        <Form layout="vertical">
          <Form.Item label={t('restorePassphrase')} required>
            <Input.Password data-testid="restore-passphrase" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
          </Form.Item>
          <Form.Item label={t('restoreTarget')} required extra={t('restoreTargetHelp')}>
            <Space.Compact style={{ width: '100%' }}>
              <Input data-testid="restore-to" value={to} onChange={(e) => setTo(e.target.value)} />
              <Button onClick={() => void browse(setTo)}>{t('restoreBrowse')}</Button>
            </Space.Compact>
          </Form.Item>
          {nav(MEDIA, { label: t('restoreNext'), testId: 'restore-next', disabled: passphrase === '' || to.trim() === '', onClick: () => setStep(CONFIRM) })}
        </Form>
      )}
      {step === CONFIRM && (
        <div data-testid="restore-confirm">
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('restoreConfirmText', { count: media.length, to: to.trim() })} />
          <List size="small" bordered style={{ marginBottom: 16 }} dataSource={media} renderItem={(m) => <List.Item>{m}</List.Item>} />
          {nav(KEY, { label: t('restoreStart'), testId: 'restore-start', disabled: false, onClick: () => void start() })}
        </div>
      )}
      {step === RUN && (
        <div data-testid="restore-running">
          <Typography.Text data-testid="restore-progress">{t('restoreRunning', { done: p?.done ?? 0, total: p?.total ?? '…' })}</Typography.Text>
          <Progress percent={p && p.total > 0 ? Math.round((p.done / p.total) * 100) : 0} status="active" />
          <Popconfirm title={t('restoreCancelConfirm')} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void cancel()}>
            <Button danger data-testid="restore-cancel">{t('restoreCancel')}</Button>
          </Popconfirm>
        </div>
      )}
      {step === RESULT && report && <RestoreResult report={report} busy={busy} onOpen={() => void open()} />}
    </div>
  );
}
