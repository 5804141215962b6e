import { Alert, Button, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { ErrorDTO, MediaAlert } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { alertKindName } from './mediaLabels.js';

/** What an alert's detail says in words, when the engine put a message there. */
function detailText(a: MediaAlert, lang: 'zh' | 'en'): string {
  const m = a.detail['message'] as { zh?: string; en?: string } | undefined;
  return m ? (m[lang] ?? m.zh ?? '') : '';
}

/** Open alerts: each stays until a person says how it was handled (the note is audited). */
export function MediaAlertsPanel({ alerts, onChanged }: { alerts: MediaAlert[]; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [error, setError] = useState<ErrorDTO | null>(null);

  const handle = async (id: number) => {
    setError(null);
    try {
      await call('media:handleAlert', { id, note: notes[id] ?? '' });
      onChanged();
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  return (
    <div>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {alerts.length === 0 && <Alert data-testid="media-alerts-none" type="success" showIcon title={t('mediaAlertsNone')} style={{ marginBottom: 16 }} />}
      <Table<MediaAlert>
        data-testid="media-alerts"
        size="small"
        rowKey="id"
        pagination={{ pageSize: 20 }}
        dataSource={alerts}
        columns={[
          { title: t('mediaColMedium'), dataIndex: 'mediumId', width: 160 },
          { title: t('mediaColKind'), dataIndex: 'kind', width: 140, render: (k: MediaAlert['kind']) => <Tag color="red">{alertKindName(t, k)}</Tag> },
          { title: t('mediaColSubject'), dataIndex: 'subject', ellipsis: true, render: (s: string, a) => <span>{s} {detailText(a, lang)}</span> },
          { title: t('mediaColRaised'), dataIndex: 'raisedAt', width: 170, render: (v: string) => new Date(v).toLocaleString() },
          {
            title: t('mediaHandle'), width: 360,
            render: (_: unknown, a: MediaAlert) => (
              <Space.Compact style={{ width: '100%' }}>
                <Input size="small" data-testid={`media-alert-note-${a.id}`} placeholder={t('mediaHandleNote')} value={notes[a.id] ?? ''} onChange={(e) => setNotes({ ...notes, [a.id]: e.target.value })} />
                <Popconfirm title={t('mediaHandleConfirm')} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void handle(a.id)}>
                  <Button size="small" data-testid={`media-alert-handle-${a.id}`} disabled={!(notes[a.id] ?? '').trim()}>{t('mediaHandle')}</Button>
                </Popconfirm>
              </Space.Compact>
            ),
          },
        ]}
      />
    </div>
  );
}
