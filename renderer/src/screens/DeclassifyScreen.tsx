import { Alert, Button, Card, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { DueClassified, ErrorDTO } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { classificationName, useI18n } from '../i18n/index.js';

interface Draft {
  decision: 'declassify' | 'extend';
  level: 'public' | 'internal';
  period: string;
  basis: string;
}

const EMPTY: Draft = { decision: 'declassify', level: 'public', period: '', basis: '' };

/** The security officer's declassification review (解密审核): each due record declassified or extended, with the basis. */
export function DeclassifyScreen() {
  const { t } = useI18n();
  const [rows, setRows] = useState<DueClassified[]>([]);
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setRows(await call('declassify:due', {}));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const draft = (id: number): Draft => drafts[id] ?? EMPTY;
  const edit = (id: number, change: Partial<Draft>) => setDrafts({ ...drafts, [id]: { ...draft(id), ...change } });

  const decide = async (r: DueClassified) => {
    const d = draft(r.id);
    setError(null);
    setNote(null);
    try {
      const out = await call('declassify:decide', {
        recordId: r.id, decision: d.decision, basis: d.basis.trim(),
        ...(d.decision === 'declassify' ? { level: d.level } : { period: d.period.trim() }),
      });
      setNote(t('declassDone', { code: r.archivalCode, classification: classificationName(t, out.classification), period: out.period || '-' }));
      await load();
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  return (
    <Card title={t('declassTitle')}>
      <Alert type="info" showIcon title={t('declassIntro')} style={{ marginBottom: 16 }} />
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {note && <Alert data-testid="declass-done" type="success" showIcon title={note} style={{ marginBottom: 16 }} />}
      {rows.length === 0 && <Alert data-testid="declass-none" type="success" showIcon title={t('declassNone')} style={{ marginBottom: 16 }} />}
      <Table<DueClassified>
        data-testid="declass-table"
        size="small"
        rowKey="id"
        pagination={{ pageSize: 20 }}
        dataSource={rows}
        columns={[
          { title: t('editColCode'), dataIndex: 'archivalCode', width: 230 },
          { title: t('editColTitle'), dataIndex: 'title', ellipsis: true },
          { title: t('editClassification'), dataIndex: 'classification', width: 80, render: (c: string) => <Tag color="red">{classificationName(t, c)}</Tag> },
          { title: t('declassColPeriod'), dataIndex: 'classificationPeriod', width: 90 },
          { title: t('declassColEnds'), dataIndex: 'endsOn', width: 110 },
          {
            title: t('declassDecision'), width: 560,
            render: (_: unknown, r: DueClassified) => {
              const d = draft(r.id);
              return (
                <Space size={4} wrap>
                  <Select size="small" data-testid={`declass-decision-${r.id}`} value={d.decision} style={{ width: 130 }} onChange={(v) => edit(r.id, { decision: v })}
                    options={[{ value: 'declassify', label: t('declassDeclassify') }, { value: 'extend', label: t('declassExtend') }]} />
                  {d.decision === 'declassify'
                    ? <Select size="small" value={d.level} style={{ width: 90 }} onChange={(v) => edit(r.id, { level: v })} options={[{ value: 'public', label: t('declassLevelPublic') }, { value: 'internal', label: t('declassLevelInternal') }]} />
                    : <Input size="small" style={{ width: 140 }} placeholder={t('declassPeriod')} value={d.period} onChange={(e) => edit(r.id, { period: e.target.value })} />}
                  <Input size="small" data-testid={`declass-basis-${r.id}`} style={{ width: 180 }} placeholder={t('declassBasis')} value={d.basis} onChange={(e) => edit(r.id, { basis: e.target.value })} />
                  <Popconfirm title={t('declassConfirm', { code: r.archivalCode })} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void decide(r)}>
                    <Button size="small" type="primary" data-testid={`declass-submit-${r.id}`} disabled={!d.basis.trim()}>{t('declassSubmit')}</Button>
                  </Popconfirm>
                </Space>
              );
            },
          },
        ]}
      />
    </Card>
  );
}
