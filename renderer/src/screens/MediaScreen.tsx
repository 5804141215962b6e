import { Alert, Badge, Button, Card, Popconfirm, Progress, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { BackupResult, CoverageReport, ErrorDTO, MediaAlert, MediaErasure, MediaRun, MediumRow, RepairOutcome, StatusDTO, VerifyResult } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n, type MessageKey, type T } from '../i18n/index.js';
import { MediaAddForm } from './MediaAddForm.js';
import { MediaAlertsPanel } from './MediaAlertsPanel.js';
import { MediaDrillPanel } from './MediaDrillPanel.js';
import { byMedium, MediaErasuresPanel } from './MediaErasuresPanel.js';
import { MediaMigratePanel } from './MediaMigratePanel.js';
import { MediaCoveragePanel } from './MediaCoveragePanel.js';
import { MediaCustodyModal } from './MediaCustodyModal.js';
import { MediaLabelModal } from './MediaLabelModal.js';
import { alertKindName, mediaTypeName, mediumStateColor, mediumStateName } from './mediaLabels.js';
import { MediaRunsPanel } from './MediaRunsPanel.js';
import { RestoreWizard } from './RestoreWizard.js';
import { sizeText, useJobProgress } from './useJobProgress.js';

type Work = 'backup' | 'verify' | 'repair';
type Outcome = { work: 'backup'; r: BackupResult } | { work: 'verify'; r: VerifyResult } | { work: 'repair'; r: RepairOutcome[] };

/** A backup to a disc reports its image's share as "iso:<percent>" once every object is staged. */
function isoPercent(message: string | undefined): number | null {
  const m = /^iso:(\d+)$/.exec(message ?? '');
  return m ? Number(m[1]) : null;
}

const WORK_KEYS: Record<Work, MessageKey> = { backup: 'mediaKindBackup', verify: 'mediaKindVerify', repair: 'mediaKindRepair' };

function OutcomeView({ t, lang, outcome }: { t: T; lang: 'zh' | 'en'; outcome: Outcome }) {
  if (outcome.work === 'backup') {
    const r = outcome.r;
    return (
      <Alert data-testid="media-backup-done" type={r.failed.length ? 'warning' : 'success'} showIcon style={{ marginBottom: 16 }}
        title={t('mediaBackupDone', { id: r.mediumId, written: r.written, size: sizeText(r.bytes), already: r.alreadyThere, free: sizeText(r.freeBytes) })}
        description={(r.failed.length || r.staged) ? (
          <>
            {r.failed.length > 0 && <div>{t('mediaBackupFailed', { failed: r.failed.length })}</div>}
            {r.staged && <div data-testid="media-backup-disc">{r.iso ? t('mediaBackupIso', { iso: r.iso, folder: r.staged }) : t('mediaBackupStaged', { folder: r.staged })}</div>}
          </>
        ) : undefined} />
    );
  }
  if (outcome.work === 'repair') {
    const ok = outcome.r.filter((o) => o.ok).length;
    return <Alert data-testid="media-repair-done" type={ok === outcome.r.length ? 'success' : 'warning'} showIcon style={{ marginBottom: 16 }} title={t('mediaRepairDone', { ok, failed: outcome.r.length - ok })} />;
  }
  const r = outcome.r;
  return (
    <div style={{ marginBottom: 16 }}>
      <Alert data-testid={r.clean ? 'media-verify-clean' : 'media-verify-bad'} type={r.clean ? 'success' : 'error'} showIcon style={{ marginBottom: 8 }}
        title={r.clean ? t('mediaVerifyClean', { id: r.mediumId, checked: r.checked }) : t('mediaVerifyBad', { id: r.mediumId, count: r.findings.length })}
        description={r.flaggedBatch.length ? t('mediaBatchFlagged', { ids: r.flaggedBatch.join('、') }) : undefined} />
      {r.findings.length > 0 && (
        <Table data-testid="media-findings" size="small" rowKey={(f) => `${f.kind}:${f.file}`} pagination={false} dataSource={r.findings}
          columns={[
            { title: t('mediaColKind'), dataIndex: 'kind', width: 120, render: (k: VerifyResult['findings'][number]['kind']) => alertKindName(t, k) },
            { title: t('mediaColFile'), dataIndex: 'file', ellipsis: true },
            { title: t('mediaColProblem'), render: (_: unknown, f: VerifyResult['findings'][number]) => f.message[lang] || f.message.zh },
          ]} />
      )}
    </div>
  );
}

/**
 * The backup officer's screen: the media registry (register, label, check out and in), backup,
 * verification and repair of a medium with progress and cancel, the open alerts, the coverage
 * report and every run so far, copies of destroyed records to erase, and the whole-vault
 * restore (opening the restored vault replaces this one: onStatus).
 */
export function MediaScreen({ onStatus }: { onStatus: (s: StatusDTO) => void }) {
  const { t, lang } = useI18n();
  const [media, setMedia] = useState<MediumRow[]>([]);
  const [alerts, setAlerts] = useState<MediaAlert[]>([]);
  const [runs, setRuns] = useState<MediaRun[]>([]);
  const [coverage, setCoverage] = useState<CoverageReport | null>(null);
  const [erasures, setErasures] = useState<MediaErasure[]>([]);
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [running, setRunning] = useState<{ work: Work; mediumId: string } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [labelFor, setLabelFor] = useState<string | null>(null);
  const [custody, setCustody] = useState<{ mediumId: string; direction: 'out' | 'in' } | null>(null);
  const [tab, setTab] = useState('registry');
  const job = useJobProgress(['backup', 'verify-media', 'repair']);

  const load = useCallback(async () => {
    try {
      const [m, a, r, c, e] = await Promise.all([call('media:list', {}), call('media:alerts', {}), call('media:runs', {}), call('media:coverage', undefined), call('media:erasures', {})]);
      setMedia(m);
      setErasures(e);
      setAlerts(a);
      setRuns(r);
      setCoverage(c);
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const run = async (work: Work, mediumId: string) => {
    setError(null);
    setOutcome(null);
    setRunning({ work, mediumId });
    try {
      const o: Outcome = work === 'backup' ? { work, r: await job.follow(() => call('media:backup', { mediumId })) }
        : work === 'verify' ? { work, r: await job.follow(() => call('media:verify', { mediumId, mode: 'full' })) }
        : { work, r: await job.follow(() => call('media:repair', { mediumId })) };
      setOutcome(o);
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setRunning(null);
      void load();
    }
  };

  const p = job.progress;
  const iso = isoPercent(p?.message);
  const busy = running !== null;
  return (
    <Card title={t('mediaTitle')}>
      <Typography.Paragraph type="secondary">{t('mediaIntro')}</Typography.Paragraph>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {running && (
        <div data-testid="media-progress" style={{ marginBottom: 16 }}>
          <Space>
            <Typography.Text data-testid="media-progress-text">{iso !== null
              ? t('mediaIsoBuilding', { percent: iso })
              : t('mediaRunning', { kind: t(WORK_KEYS[running.work]), done: p?.done ?? 0, total: p?.total ?? '…' })}</Typography.Text>
            <Popconfirm title={t('mediaCancelConfirm')} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void job.cancel()}>
              <Button size="small" danger data-testid="media-cancel">{t('mediaCancel')}</Button>
            </Popconfirm>
          </Space>
          <Progress percent={iso ?? (p && p.total > 0 ? Math.round((p.done / p.total) * 100) : 0)} status="active" />
        </div>
      )}
      {outcome && <OutcomeView t={t} lang={lang} outcome={outcome} />}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'registry',
            label: <span data-testid="media-tab-registry">{t('mediaTabRegistry')}</span>,
            children: (
              <>
                <Table<MediumRow>
                  data-testid="media-table"
                  size="small"
                  rowKey="id"
                  pagination={{ pageSize: 20 }}
                  dataSource={media}
                  columns={[
                    { title: t('mediaColId'), dataIndex: 'id', width: 150 },
                    { title: t('mediaColType'), dataIndex: 'type', width: 100, render: (x: MediumRow['type']) => mediaTypeName(t, x) },
                    { title: t('mediaColLabel'), dataIndex: 'label', ellipsis: true },
                    { title: t('mediaColSite'), dataIndex: 'site', width: 120 },
                    { title: t('mediaColState'), dataIndex: 'state', width: 90, render: (s: MediumRow['state'], m) => <span data-testid={`media-state-${m.id}`}><Tag color={mediumStateColor(s)}>{mediumStateName(t, s)}</Tag>{m.earlyCheck && <Tag color="orange" title={t('mediaEarlyCheck')}>!</Tag>}</span> },
                    { title: t('mediaColVerified'), dataIndex: 'lastVerifiedAt', width: 170, render: (v: string | null) => (v ? new Date(v).toLocaleString() : t('mediaNever')) },
                    {
                      title: t('mediaColActions'), width: 420,
                      render: (_: unknown, m: MediumRow) => (
                        <Space size={4} wrap>
                          <Popconfirm title={t('mediaBackupConfirm', { id: m.id })} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void run('backup', m.id)}>
                            <Button size="small" type="primary" data-testid={`media-backup-${m.id}`} disabled={busy}>{t('mediaBackup')}</Button>
                          </Popconfirm>
                          <Button size="small" data-testid={`media-verify-${m.id}`} disabled={busy} onClick={() => void run('verify', m.id)}>{t('mediaVerify')}</Button>
                          <Popconfirm title={t('mediaRepairConfirm', { id: m.id })} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void run('repair', m.id)}>
                            <Button size="small" data-testid={`media-repair-${m.id}`} disabled={busy}>{t('mediaRepair')}</Button>
                          </Popconfirm>
                          <Button size="small" data-testid={`media-label-${m.id}`} onClick={() => setLabelFor(m.id)}>{t('mediaLabelBtn')}</Button>
                          <Button size="small" data-testid={`media-checkout-${m.id}`} onClick={() => setCustody({ mediumId: m.id, direction: 'out' })}>{t('mediaCheckout')}</Button>
                          <Button size="small" data-testid={`media-checkin-${m.id}`} onClick={() => setCustody({ mediumId: m.id, direction: 'in' })}>{t('mediaCheckin')}</Button>
                        </Space>
                      ),
                    },
                  ]}
                />
                <MediaAddForm onAdded={() => void load()} />
              </>
            ),
          },
          {
            key: 'alerts',
            label: <span data-testid="media-tab-alerts"><Badge count={alerts.length} size="small" offset={[8, -2]}>{t('mediaTabAlerts')}</Badge></span>,
            children: <MediaAlertsPanel alerts={alerts} onChanged={() => void load()} />,
          },
          { key: 'coverage', label: <span data-testid="media-tab-coverage">{t('mediaTabCoverage')}</span>, children: <MediaCoveragePanel report={coverage} /> },
          { key: 'runs', label: <span data-testid="media-tab-runs">{t('mediaTabRuns')}</span>, children: <MediaRunsPanel runs={runs} /> },
          { key: 'migrate', label: <span data-testid="media-tab-migrate">{t('mediaTabMigrate')}</span>, children: <MediaMigratePanel media={media} onChanged={() => void load()} /> },
          { key: 'drill', label: <span data-testid="media-tab-drill">{t('mediaTabDrill')}</span>, children: <MediaDrillPanel media={media} /> },
          {
            key: 'erasures',
            label: <span data-testid="media-tab-erasures"><Badge count={byMedium(erasures).length} size="small" offset={[8, -2]}>{t('mediaTabErasures')}</Badge></span>,
            children: <MediaErasuresPanel erasures={erasures} onChanged={() => void load()} />,
          },
          { key: 'restore', label: <span data-testid="media-tab-restore">{t('mediaTabRestore')}</span>, children: <RestoreWizard onOpened={onStatus} /> },
        ]}
      />
      <MediaLabelModal mediumId={labelFor} onClose={() => setLabelFor(null)} />
      <MediaCustodyModal move={custody} onClose={(entry) => {
        setCustody(null);
        if (entry) void load();
      }} />
    </Card>
  );
}
