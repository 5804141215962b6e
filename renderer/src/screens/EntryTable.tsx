import { Table } from 'antd';
import type { TableColumnsType } from 'antd';

/** The list under a register-like panel: small rows keyed by id, twenty to a page. */
export function EntryTable<R extends { id: number }>({ testId, rows, columns }: { testId: string; rows: R[]; columns: TableColumnsType<R> }) {
  return <Table<R> data-testid={testId} size="small" rowKey="id" pagination={{ pageSize: 20 }} dataSource={rows} columns={columns} />;
}
