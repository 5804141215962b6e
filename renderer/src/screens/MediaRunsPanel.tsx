import { Table, Tag } from 'antd';
import type { MediaRun } from '../../../electron/contract.js';
import { useI18n } from '../i18n/index.js';
import { runKindName, runResultName } from './mediaLabels.js';

/** Every backup and verification run: each leaves a row, clean or not (never silent). */
export function MediaRunsPanel({ runs }: { runs: MediaRun[] }) {
  const { t } = useI18n();
  return (
    <Table<MediaRun>
      data-testid="media-runs"
      size="small"
      rowKey="id"
      pagination={{ pageSize: 20 }}
      dataSource={runs}
      columns={[
        { title: t('mediaColMedium'), dataIndex: 'mediumId', width: 160 },
        { title: t('mediaColRunKind'), dataIndex: 'kind', width: 120, render: (k: MediaRun['kind']) => runKindName(t, k) },
        { title: t('mediaColStarted'), dataIndex: 'startedAt', width: 180, render: (v: string) => new Date(v).toLocaleString() },
        { title: t('mediaColChecked'), dataIndex: 'checked', width: 90 },
        { title: t('mediaColProblems'), dataIndex: 'problems', width: 90 },
        { title: t('mediaColResult'), dataIndex: 'result', render: (r: MediaRun['result']) => <Tag color={r === 'clean' ? 'green' : r === 'running' ? 'blue' : 'red'}>{runResultName(t, r)}</Tag> },
      ]}
    />
  );
}
