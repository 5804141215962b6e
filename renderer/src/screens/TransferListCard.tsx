import { Alert, Button, Card, Input, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ErrorDTO, TransferRow } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { sizeText } from './useJobProgress.js';

const STATE_KEYS: Record<TransferRow['state'], MessageKey> = {
  prepared: 'transferStatePrepared',
  refused: 'transferStateRefused',
  sealed: 'transferStateSealed',
  delivered: 'transferStateDelivered',
  receipted: 'transferStateReceipted',
};

/**
 * The transfers made so far with their state, and recording the archive's signed receipt (回执)
 * that marks a transfer's records as transferred. Reloads whenever `version` changes (the wizard
 * bumps it after each export attempt).
 */
export function TransferListCard({ version }: { version: number }) {
  const { t } = useI18n();
  const [transfers, setTransfers] = useState<TransferRow[]>([]);
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [receiptFile, setReceiptFile] = useState('');
  const [receiptNote, setReceiptNote] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setTransfers(await call('transfer:list', undefined));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load, version]);

  const recordReceipt = async () => {
    setError(null);
    setReceiptNote(null);
    try {
      const r = await call('transfer:recordReceipt', { file: receiptFile.trim() });
      setReceiptNote(r.alreadyRecorded ? t('transferReceiptAlready', { id: r.transferId }) : t('transferReceiptDone', { id: r.transferId, records: r.records }));
      await load();
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  return (
    <Card type="inner" title={t('transferListTitle')} style={{ marginTop: 24 }}>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      <Table<TransferRow>
        data-testid="transfer-list"
        size="small"
        rowKey="id"
        pagination={{ pageSize: 10 }}
        dataSource={transfers}
        columns={[
          { title: t('transferColId'), dataIndex: 'id', width: 200 },
          { title: t('transferColState'), dataIndex: 'state', width: 120, render: (s: TransferRow['state']) => <Tag color={s === 'refused' ? 'red' : s === 'receipted' ? 'green' : 'blue'}>{t(STATE_KEYS[s])}</Tag> },
          { title: t('transferColRecords'), dataIndex: 'recordCount', width: 80 },
          { title: t('transferColSize'), dataIndex: 'byteCount', width: 100, render: (b: number) => sizeText(b) },
          { title: t('transferColAt'), dataIndex: 'createdAt', width: 180, render: (v: string) => new Date(v).toLocaleString() },
          { title: t('transferColOutput'), dataIndex: 'outputPath', ellipsis: true },
        ]}
      />
      <Space.Compact style={{ width: '100%', marginTop: 16 }}>
        <Input data-testid="transfer-receipt-file" placeholder={t('transferReceiptFile')} value={receiptFile} onChange={(e) => setReceiptFile(e.target.value)} />
        <Button data-testid="transfer-receipt-record" disabled={!receiptFile.trim()} onClick={() => void recordReceipt()}>{t('transferReceiptRecord')}</Button>
      </Space.Compact>
      {receiptNote && <Alert data-testid="transfer-receipt-done" type="success" showIcon title={receiptNote} style={{ marginTop: 16 }} />}
    </Card>
  );
}
