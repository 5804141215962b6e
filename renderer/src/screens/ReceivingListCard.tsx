import { Button, Card, Table, Tag } from 'antd';
import type { PackageImportRow } from '../../../electron/contract.js';
import { useI18n } from '../i18n/index.js';

/** The packages received into this vault; one without its receipt yet can be picked to issue it. */
export function ReceivingListCard({ rows, onReceipt }: { rows: PackageImportRow[]; onReceipt: (importId: number) => void }) {
  const { t } = useI18n();
  return (
    <Card type="inner" title={t('receivingListTitle')} style={{ marginTop: 24 }}>
      <Table<PackageImportRow>
        data-testid="receiving-list"
        size="small"
        rowKey="id"
        pagination={{ pageSize: 10 }}
        dataSource={rows}
        columns={[
          { title: t('receivingColTransfer'), dataIndex: 'transferId', width: 200 },
          { title: t('receivingColOrg'), dataIndex: 'sourceOrganization' },
          { title: t('receivingColRecords'), dataIndex: 'recordCount', width: 80 },
          { title: t('receivingColAt'), dataIndex: 'importedAt', width: 180, render: (x: string) => new Date(x).toLocaleString() },
          {
            title: t('receivingColReceipt'), dataIndex: 'receiptIssuedAt', width: 140,
            render: (x: string | null, r: PackageImportRow) => x ? <Tag color="green">{t('receivingReceiptYes')}</Tag>
              : <Button size="small" data-testid={`receiving-receipt-for-${r.id}`} onClick={() => onReceipt(r.id)}>{t('receivingReceiptNo')} · {t('receivingIssue')}</Button>,
          },
        ]}
      />
    </Card>
  );
}
