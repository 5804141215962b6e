import { Checkbox, InputNumber, Modal, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { ErrorDTO, NewItem, RecordRow } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';

const LIMIT = 1000;

/**
 * Items picked from the catalog: by default the entries catalogued from a paper catalog file
 * whose scans are still awaited (the usual scope of a digitization project), or any entry.
 */
export function DigiCatalogPick({ open, onClose }: { open: boolean; onClose: (items: NewItem[]) => void }) {
  const { t } = useI18n();
  const [year, setYear] = useState<number | null>(null);
  const [awaitingOnly, setAwaitingOnly] = useState(true);
  const [rows, setRows] = useState<RecordRow[]>([]);
  const [total, setTotal] = useState(0);
  const [picked, setPicked] = useState<number[]>([]);
  const [error, setError] = useState<ErrorDTO | null>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setError(null);
    call('records:list', { ...(year ? { year } : {}), limit: LIMIT }).then((r) => {
      if (!live) return;
      setRows(r.records);
      setTotal(r.total);
    }, (e: unknown) => live && setError(asErrorDTO(e)));
    return () => {
      live = false;
    };
  }, [open, year]);

  const shown = rows.filter((r) => r.disposal === '' && (!awaitingOnly || r.scanStatus === 'awaiting'));
  const finish = (take: boolean) => {
    const items = take ? shown.filter((r) => picked.includes(r.id)).map((r) => ({ archivalCode: r.archivalCode, ...(r.title ? { title: r.title } : {}) })) : [];
    setPicked([]);
    onClose(items);
  };

  return (
    <Modal open={open} width={900} title={t('digiPickTitle')} okText={t('digiPickOk', { n: picked.length })} cancelText={t('cancel')} destroyOnHidden
      okButtonProps={{ disabled: picked.length === 0, ...({ 'data-testid': 'digi-pick-ok' } as Record<string, string>) }} onOk={() => finish(true)} onCancel={() => finish(false)}>
      <ErrorNotice error={error} />
      <Space style={{ marginBottom: 8 }}>
        <span>{t('transferYear')}</span>
        <InputNumber data-testid="digi-pick-year" min={1000} max={9999} value={year} onChange={setYear} />
        <Checkbox data-testid="digi-pick-awaiting" checked={awaitingOnly} onChange={(e) => setAwaitingOnly(e.target.checked)}>{t('digiPickAwaiting')}</Checkbox>
        {total > LIMIT && <Tag color="orange">{t('digiPickMore', { shown: LIMIT, total })}</Tag>}
      </Space>
      <Table<RecordRow> data-testid="digi-pick-table" size="small" rowKey="id" pagination={{ pageSize: 10 }} dataSource={shown}
        rowSelection={{ selectedRowKeys: picked, onChange: (keys) => setPicked(keys as number[]) }}
        columns={[
          { title: t('qcFieldCode'), dataIndex: 'archivalCode', width: 260 },
          { title: t('qcFieldTitle'), dataIndex: 'title', ellipsis: true },
          { title: t('qcFieldYear'), dataIndex: 'year', width: 70 },
          { title: t('digiPickScan'), dataIndex: 'scanStatus', width: 100, render: (s: RecordRow['scanStatus']) => t(s === 'awaiting' ? 'digiPickAwaitingTag' : 'digiPickScannedTag') },
        ]} />
    </Modal>
  );
}
