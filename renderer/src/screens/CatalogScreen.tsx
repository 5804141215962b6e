import { Button, Card, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ErrorDTO, RecordRow } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { retentionName, useI18n } from '../i18n/index.js';
import { ClassificationCell } from './labels.js';
import { RecordView, type HitFocus } from './RecordView.js';

export function CatalogScreen({ openRecord, onOpenRecord, canClearHold, focus = null }: { openRecord: number | null; onOpenRecord: (id: number | null) => void; canClearHold: boolean; focus?: HitFocus | null }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<RecordRow[]>([]);
  const [total, setTotal] = useState(0);
  const [year, setYear] = useState<number | null>(null);
  const [retention, setRetention] = useState<string>('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const r = await call('records:list', { ...(year ? { year } : {}), ...(retention ? { retention } : {}), limit: 1000 });
      setRows(r.records);
      setTotal(r.total);
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setLoading(false);
    }
  }, [year, retention]);

  useEffect(() => {
    if (openRecord === null) void load();
  }, [load, openRecord]);

  if (openRecord !== null) return <RecordView id={openRecord} onBack={() => onOpenRecord(null)} canClearHold={canClearHold} focus={focus} />;

  return (
    <Card
      title={t('menuCatalog')}
      extra={
        <Space>
          <span>{t('filterYear')}</span>
          <InputNumber data-testid="filter-year" min={1000} max={9999} value={year} onChange={(v) => setYear(v ?? null)} style={{ width: 100 }} />
          <span>{t('filterRetention')}</span>
          <Select
            data-testid="filter-retention"
            value={retention}
            onChange={setRetention}
            style={{ width: 110 }}
            options={[{ value: '', label: t('filterAll') }, ...['Y', 'D30', 'D10'].map((r) => ({ value: r, label: retentionName(t, r) }))]}
          />
          <Button onClick={() => void load()}>{t('refresh')}</Button>
        </Space>
      }
    >
      <ErrorNotice error={error} onClose={() => setError(null)} />
      <Table<RecordRow>
        data-testid="catalog-table"
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={rows}
        locale={{ emptyText: t('catalogEmpty') }}
        pagination={{ pageSize: 50, showTotal: () => t('catalogTotal', { n: total }) }}
        onRow={(r) => ({ onDoubleClick: () => onOpenRecord(r.id) })}
        columns={[
          { title: t('colArchivalCode'), dataIndex: 'archivalCode', width: 220, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('colDocNumber'), dataIndex: 'docNumber', width: 150, ellipsis: true },
          { title: t('colTitle'), dataIndex: 'title', ellipsis: true },
          { title: t('colDocDate'), dataIndex: 'docDate', width: 110, render: (v: string | null) => v ?? '' },
          { title: t('colYear'), dataIndex: 'year', width: 70 },
          { title: t('colRetention'), dataIndex: 'retention', width: 100, render: (v: string) => retentionName(t, v) },
          { title: t('colPages'), dataIndex: 'pageCount', width: 70, align: 'right' },
          { title: t('colClassification'), dataIndex: 'classification', width: 170, render: (_v, r) => <ClassificationCell t={t} record={r} /> },
          { title: '', key: 'open', width: 80, render: (_v, r) => <Button size="small" type="link" data-testid={`open-${r.archivalCode}`} onClick={() => onOpenRecord(r.id)}>{t('open')}</Button> },
        ]}
      />
    </Card>
  );
}
