import { Alert, Button, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ErrorDTO, MediaErasure } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';

/** One medium's copies waiting for erasure, as the officer confirms them: all at once. */
interface MediumErasures {
  mediumId: string;
  codes: string[];
  copies: number;
  destroyedAt: string;
  newestSnapshotAt: string | null;
  snapshotAfter: boolean;
}

export function byMedium(rows: readonly MediaErasure[]): MediumErasures[] {
  const out = new Map<string, MediumErasures>();
  for (const e of rows) {
    const m = out.get(e.mediumId) ?? { mediumId: e.mediumId, codes: [], copies: 0, destroyedAt: '', newestSnapshotAt: e.newestSnapshotAt, snapshotAfter: e.snapshotAfter };
    m.copies++;
    m.codes = [...new Set([...m.codes, ...e.archivalCodes])].sort();
    if (e.markedAt > m.destroyedAt) m.destroyedAt = e.markedAt;
    out.set(e.mediumId, m);
  }
  return [...out.values()];
}

const when = (iso: string | null, never: string) => (iso ? new Date(iso).toLocaleString() : never);

/**
 * 待擦除: copies on media of destroyed records. Per medium: the records' 档号, when they were
 * destroyed, and whether the medium already holds a newer catalog snapshot (only then is a
 * confirmation accepted; otherwise it says to back up first). Confirming takes a note, asks
 * once more, and is audited by the engine.
 */
export function MediaErasuresPanel({ erasures, onChanged }: { erasures: MediaErasure[]; onChanged: () => void }) {
  const { t } = useI18n();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [done, setDone] = useState<{ id: string; count: number } | null>(null);
  const media = byMedium(erasures);

  const confirm = async (mediumId: string) => {
    setError(null);
    setDone(null);
    try {
      const erased = await call('media:confirmErasure', { mediumId, note: notes[mediumId] ?? '' });
      setDone({ id: mediumId, count: erased.length });
      setNotes({ ...notes, [mediumId]: '' });
      onChanged();
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  return (
    <div>
      <Typography.Paragraph type="secondary">{t('mediaErasuresIntro')}</Typography.Paragraph>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {done && <Alert data-testid="media-erasure-done" type="success" showIcon style={{ marginBottom: 16 }} title={t('mediaErasureDone', done)} />}
      {media.length === 0 && <Alert data-testid="media-erasures-none" type="success" showIcon title={t('mediaErasuresNone')} style={{ marginBottom: 16 }} />}
      {media.filter((m) => !m.snapshotAfter).map((m) => (
        <Alert key={m.mediumId} data-testid={`media-erasure-needs-backup-${m.mediumId}`} type="warning" showIcon style={{ marginBottom: 8 }}
          title={t('mediaErasureNeedsBackupText', { id: m.mediumId, at: when(m.destroyedAt, '') })} />
      ))}
      <Table<MediumErasures>
        data-testid="media-erasures"
        size="small"
        rowKey="mediumId"
        pagination={false}
        dataSource={media}
        columns={[
          { title: t('mediaColMedium'), dataIndex: 'mediumId', width: 150 },
          { title: t('mediaColCodes'), dataIndex: 'codes', render: (codes: string[]) => codes.join('、') },
          { title: t('mediaColCopies'), dataIndex: 'copies', width: 70 },
          { title: t('mediaColDestroyed'), dataIndex: 'destroyedAt', width: 170, render: (v: string) => when(v, '') },
          { title: t('mediaColSnapshot'), dataIndex: 'newestSnapshotAt', width: 170, render: (v: string | null) => when(v, t('mediaNever')) },
          {
            title: t('mediaColState'), dataIndex: 'snapshotAfter', width: 100,
            render: (ok: boolean, m) => <Tag data-testid={`media-erasure-state-${m.mediumId}`} color={ok ? 'green' : 'orange'}>{t(ok ? 'mediaErasureReady' : 'mediaErasureNeedsBackup')}</Tag>,
          },
          {
            title: t('mediaErasureConfirm'), width: 340,
            render: (_: unknown, m: MediumErasures) => (
              <Space.Compact style={{ width: '100%' }}>
                <Input size="small" data-testid={`media-erasure-note-${m.mediumId}`} placeholder={t('mediaErasureNote')} value={notes[m.mediumId] ?? ''} onChange={(e) => setNotes({ ...notes, [m.mediumId]: e.target.value })} />
                <Popconfirm title={t('mediaErasureConfirmTitle', { id: m.mediumId, count: m.copies })} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void confirm(m.mediumId)}>
                  <Button size="small" danger data-testid={`media-erasure-confirm-${m.mediumId}`} disabled={!(notes[m.mediumId] ?? '').trim()}>{t('mediaErasureConfirm')}</Button>
                </Popconfirm>
              </Space.Compact>
            ),
          },
        ]}
      />
    </div>
  );
}
