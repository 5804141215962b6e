import { Alert, Table, Typography } from 'antd';
import type { CoverageReport } from '../../../electron/contract.js';
import { useI18n } from '../i18n/index.js';

type AtRisk = CoverageReport['atRisk'][number];

/** Every record at risk under the coverage policy, and why. */
export function MediaCoveragePanel({ report }: { report: CoverageReport | null }) {
  const { t, lang } = useI18n();
  if (!report) return null;
  return (
    <div data-testid="media-coverage">
      <Alert
        type={report.atRisk.length ? 'warning' : 'success'}
        showIcon
        title={t('mediaCoverageSummary', { records: report.records, covered: report.covered, atRisk: report.atRisk.length })}
        style={{ marginBottom: 8 }}
      />
      <Typography.Paragraph type="secondary">{t('mediaCoveragePolicy', { copies: report.policy.minCopies, types: report.policy.minTypes, sites: report.policy.minSites })}</Typography.Paragraph>
      <Table<AtRisk>
        size="small"
        rowKey="recordId"
        pagination={{ pageSize: 20 }}
        dataSource={report.atRisk}
        columns={[
          { title: t('mediaColRecord'), dataIndex: 'archivalCode', width: 260 },
          { title: t('mediaColCopies'), width: 80, render: (_: unknown, r: AtRisk) => r.copies.length },
          { title: t('mediaColReasons'), render: (_: unknown, r: AtRisk) => r.reasons.map((m) => m[lang] || m.zh).join('；') },
        ]}
      />
    </div>
  );
}
