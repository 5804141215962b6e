import { Alert, Button, Table, Typography } from 'antd';
import type { ExportTransferResult } from '../../../electron/contract.js';
import { useI18n } from '../i18n/index.js';
import { sizeText } from './useJobProgress.js';

type Carrier = ExportTransferResult['carriers'][number];

/**
 * The written transfer: what and where, each carrier when it was split, and where the printable
 * 移交登记表 is (inside every package, for both parties to sign).
 */
export function TransferDoneStep({ result, onRestart }: { result: ExportTransferResult; onRestart: () => void }) {
  const { t } = useI18n();
  // Split output is a folder of carriers, even when everything fit on one.
  const split = result.carriers.length > 1 || result.carriers[0]?.path !== result.package.path;
  return (
    <div>
      <Alert
        data-testid="transfer-done"
        type="success"
        showIcon
        title={t('transferDone', { id: result.transferId, records: result.records, files: result.package.files, size: sizeText(result.package.bytes), path: result.package.path })}
        style={{ marginBottom: 16 }}
      />
      {split && (
        <Table<Carrier>
          data-testid="transfer-carriers"
          size="small"
          rowKey="path"
          pagination={false}
          style={{ marginBottom: 16 }}
          dataSource={result.carriers}
          columns={[
            { title: t('transferCarrierNo'), width: 80, render: (_v, _c, i) => `${i + 1}/${result.carriers.length}` },
            { title: t('transferColRecords'), dataIndex: 'records', width: 80 },
            { title: t('transferColSize'), dataIndex: 'bytes', width: 100, render: (b: number) => sizeText(b) },
            { title: t('transferColOutput'), dataIndex: 'path', ellipsis: true },
          ]}
        />
      )}
      <Typography.Paragraph data-testid="transfer-print-hint" type="secondary">{t(split ? 'transferPrintHintCarriers' : 'transferPrintHint')}</Typography.Paragraph>
      <Button data-testid="transfer-new" onClick={onRestart}>{t('transferNew')}</Button>
    </div>
  );
}
