import { UnorderedListOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, List, Modal, Progress, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ErrorDTO, JobProgress, JobRow } from '../../../electron/contract.js';
import { asErrorDTO, call, onEvent } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n, type MessageKey, type T } from '../i18n/index.js';

/** The kinds the engine's jobs.resume goes on with (native/api/areas/jobs.ts RESUMABLE_KINDS). */
const RESUMABLE = new Set(['ingest', 'ocr', 'check', 'reindex', 'destroy']);
const UNFINISHED = new Set(['interrupted', 'cancelled', 'failed', 'queued']);

const KIND_KEYS: Record<string, MessageKey> = {
  ingest: 'jobKindIngest', ocr: 'jobKindOcr', check: 'jobKindCheck', reindex: 'jobKindReindex', watch: 'jobKindWatch', export: 'jobKindExport',
  import: 'jobKindImport', backup: 'jobKindBackup', 'verify-media': 'jobKindVerifyMedia', repair: 'jobKindRepair', migrate: 'jobKindMigrate',
  restore: 'jobKindRestore', 'catalog-export': 'jobKindCatalogExport', destroy: 'jobKindDestroy',
};
const STATUS_KEYS: Record<string, MessageKey> = {
  queued: 'jobStatusQueued', running: 'jobStatusRunning', interrupted: 'jobStatusInterrupted', done: 'jobStatusDone', failed: 'jobStatusFailed', cancelled: 'jobStatusCancelled',
};
const STATUS_COLOURS: Record<string, string> = { running: 'processing', done: 'success', failed: 'error', interrupted: 'warning', cancelled: 'default', queued: 'default' };

function kindName(t: T, kind: string): string {
  const k = KIND_KEYS[kind];
  return k ? t(k) : kind;
}

function eta(t: T, seconds: number | null): string {
  if (seconds === null) return '';
  return seconds < 90 ? t('jobsEtaSeconds', { n: seconds }) : t('jobsEtaMinutes', { n: Math.round(seconds / 60) });
}

/**
 * The one jobs panel: every long job of the vault (persisted rows of every process) with the
 * live progress of those running in the engine (the main process or the app server, not this
 * page: closing the window does not stop them), time left, cancel and resume.
 */
export function JobsPanel({ open, setOpen }: { open: boolean; setOpen: (open: boolean) => void }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<JobRow[]>([]);
  const [live, setLive] = useState<Map<number, JobProgress>>(new Map());
  const [error, setError] = useState<ErrorDTO | null>(null);
  // A confirmation outside the list: the rows re-render with every progress event.
  const [modal, contextHolder] = Modal.useModal();

  const reload = useCallback(async () => {
    try {
      const [list, running] = await Promise.all([call('jobs:list', undefined), call('jobs:running', undefined)]);
      setRows(list);
      setLive(new Map(running.map((p) => [p.jobId, p])));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, []);

  useEffect(() => {
    void reload();
    // Jobs of other processes (a `lantai` command) send no events here: their rows are read
    // again while the panel is open.
    const timer = open ? window.setInterval(() => void reload(), 3000) : undefined;
    const off = onEvent((e) => {
      // A restore into another folder is not a job of this vault (its id may be one of ours).
      if ((e.type === 'job:progress' || e.type === 'job:end') && e.elsewhere) return;
      if (e.type === 'job:progress') setLive((m) => new Map(m).set(e.progress.jobId, e.progress));
      if (e.type === 'job:end') {
        setLive((m) => {
          const n = new Map(m);
          n.delete(e.end.jobId);
          return n;
        });
        void reload();
      }
    });
    return () => {
      off();
      if (timer !== undefined) window.clearInterval(timer);
    };
  }, [reload, open]);

  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(asErrorDTO(e));
    }
    await reload();
  };

  // Jobs running here first (a new one may not be listed yet), then the persisted ones.
  const ids = [...new Set([...live.keys(), ...rows.map((r) => r.id)])];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return (
    <>
      {contextHolder}
      <Badge count={live.size} size="small" offset={[-4, 4]}>
        <Button size="small" data-testid="jobs-button" icon={<UnorderedListOutlined />} onClick={() => setOpen(true)}>{t('jobsButton')}</Button>
      </Badge>
      <Drawer title={t('jobsTitle')} open={open} onClose={() => setOpen(false)} size={480} data-testid="jobs-panel">
        <ErrorNotice error={error} onClose={() => setError(null)} />
        <List
          locale={{ emptyText: t('jobsEmpty') }}
          dataSource={ids}
          renderItem={(id) => {
            const row = byId.get(id);
            const p = live.get(id);
            const kind = p?.kind ?? row?.kind ?? '';
            const status = p ? 'running' : (row?.status ?? 'running');
            const done = p?.done ?? row?.done ?? 0;
            const total = p?.total ?? row?.total ?? 0;
            const failed = p?.failed ?? row?.failed ?? 0;
            return (
              <List.Item
                key={id}
                data-testid="job-row"
                data-kind={kind}
                data-status={status}
                actions={[
                  p && (
                    <Button
                      key="cancel"
                      size="small"
                      data-testid="job-cancel"
                      onClick={() => void modal.confirm({ title: t('jobsCancelConfirm'), okText: t('ok'), cancelText: t('cancel'), onOk: () => act(() => call('jobs:cancel', { jobId: id })) })}
                    >
                      {t('jobsCancel')}
                    </Button>
                  ),
                  !p && UNFINISHED.has(status) && RESUMABLE.has(kind) && (
                    <Button key="resume" size="small" type="primary" data-testid="job-resume" onClick={() => void act(() => call('jobs:resume', { jobId: id }))}>{t('jobsResume')}</Button>
                  ),
                ].filter(Boolean)}
              >
                <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                  <Space>
                    <Typography.Text strong>{kindName(t, kind)}</Typography.Text>
                    <Typography.Text type="secondary">#{id}</Typography.Text>
                    <Tag color={STATUS_COLOURS[status]}>{STATUS_KEYS[status] ? t(STATUS_KEYS[status]) : status}</Tag>
                  </Space>
                  {total > 0 && <Progress data-testid="job-progress" percent={Math.floor((done / total) * 100)} size="small" status={p ? 'active' : undefined} />}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="job-counts">
                    {t('jobsProgress', { done, total })}
                    {failed > 0 && ` · ${t('jobsFailedCount', { n: failed })}`}
                    {p && p.etaSeconds !== null && <span data-testid="job-eta">{` · ${eta(t, p.etaSeconds)}`}</span>}
                  </Typography.Text>
                </Space>
              </List.Item>
            );
          }}
        />
      </Drawer>
    </>
  );
}
