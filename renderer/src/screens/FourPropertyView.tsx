import { Alert, Descriptions, Table, Tag } from 'antd';
import type { FourPropertyReport } from '../../../electron/contract.js';
import { useI18n, type MessageKey } from '../i18n/index.js';

const PROPERTY_KEYS: Record<string, MessageKey> = {
  authenticity: 'transferPropAuthenticity',
  integrity: 'transferPropIntegrity',
  usability: 'transferPropUsability',
  security: 'transferPropSecurity',
};

/** A four-property report: the counts per property, every refused item with each reason, the warnings. */
export function FourPropertyView({ report, records }: { report: FourPropertyReport; records: number }) {
  const { t, lang } = useI18n();
  const warnings = report.checks.filter((c) => c.result === 'warn');
  return (
    <div data-testid="four-property-report">
      <Alert
        data-testid={report.passed ? 'check-passed' : 'check-failed'}
        type={report.passed ? 'success' : 'error'}
        showIcon
        title={report.passed ? t('transferCheckPassed', { records }) : t('transferCheckFailed', { count: report.refused.length })}
        style={{ marginBottom: 16 }}
      />
      <Descriptions size="small" bordered column={2} style={{ marginBottom: 16 }}>
        {Object.entries(report.summary).map(([p, s]) => (
          <Descriptions.Item key={p} label={PROPERTY_KEYS[p] ? t(PROPERTY_KEYS[p]) : p}>{t('transferPropSummary', { pass: s.pass, fail: s.fail, warn: s.warn })}</Descriptions.Item>
        ))}
      </Descriptions>
      {report.refused.length > 0 && (
        <Table
          data-testid="refused-table"
          size="small"
          rowKey="subject"
          pagination={{ pageSize: 20 }}
          dataSource={report.refused}
          columns={[
            { title: t('transferRefusedItem'), dataIndex: 'subject', width: 240 },
            {
              title: t('transferRefusedReasons'),
              render: (_: unknown, r: FourPropertyReport['refused'][number]) => (
                <ul style={{ margin: 0, paddingInlineStart: 16 }}>{r.reasons.map((x, i) => <li key={i}><Tag>{x.id}</Tag>{x.detail[lang] || x.detail.zh}</li>)}</ul>
              ),
            },
          ]}
        />
      )}
      {warnings.length > 0 && (
        <Alert
          type="warning"
          title={t('transferWarningsTitle')}
          description={<ul style={{ margin: 0, paddingInlineStart: 16 }}>{warnings.slice(0, 50).map((c, i) => <li key={i}><Tag>{c.id}</Tag>{c.subject} {c.detail[lang] || c.detail.zh}</li>)}</ul>}
          style={{ marginTop: 16 }}
        />
      )}
    </div>
  );
}
