import { Alert, Space, Table, Tag, Typography } from 'antd';
import type { PackageVerification } from '../../../electron/contract.js';
import { useI18n, type MessageKey, type T } from '../i18n/index.js';

type Problem = PackageVerification['problems'][number];

const STAGE_KEYS: Record<string, MessageKey> = {
  structure: 'stageStructure',
  'bag-info': 'stageBagInfo',
  'payload-oxum': 'stagePayloadOxum',
  completeness: 'stageCompleteness',
  digests: 'stageDigests',
  'tag-manifests': 'stageTagManifests',
  signature: 'stageSignature',
  pin: 'stagePin',
  catalog: 'stageCatalog',
  layout: 'stageLayout',
  'four-property': 'stageFourProperty',
  'carrier-set': 'stageCarrierSet',
};

export function stageName(t: T, stage: string): string {
  const k = STAGE_KEYS[stage];
  return k ? t(k) : stage;
}

function ProblemTable({ rows, testId }: { rows: Problem[]; testId: string }) {
  const { t, lang } = useI18n();
  return (
    <Table<Problem>
      data-testid={testId}
      size="small"
      rowKey={(p) => `${p.stage}:${p.code}:${p.path ?? ''}:${p.message.en}`}
      pagination={{ pageSize: 20 }}
      dataSource={rows}
      columns={[
        { title: t('receivingColStage'), dataIndex: 'stage', width: 130, render: (s: string) => stageName(t, s) },
        { title: t('receivingColCode'), dataIndex: 'code', width: 200, render: (c: string) => <Tag>{c}</Tag> },
        { title: t('receivingColPath'), dataIndex: 'path', width: 260, ellipsis: true },
        { title: t('receivingColProblem'), render: (_: unknown, p: Problem) => p.message[lang] || p.message.zh },
      ]}
    />
  );
}

/** A package's staged verification: the verdict, each stage passed or not, every problem and warning. */
export function PackageReport({ v }: { v: PackageVerification }) {
  const { t } = useI18n();
  return (
    <>
      <Alert
        data-testid={v.valid ? 'receiving-valid' : 'receiving-invalid'}
        type={v.valid ? 'success' : 'error'}
        showIcon
        title={v.valid
          ? t('receivingValid', { id: v.transferId ?? '?', org: v.sourceOrganization ?? '?', records: v.records ?? 0, files: v.payload?.files ?? 0 })
          : t('receivingInvalid', { count: v.problems.length })}
        style={{ marginBottom: 16 }}
      />
      <Typography.Text strong>{t('receivingStages')}：</Typography.Text>
      <Space wrap style={{ marginBottom: 16 }} data-testid="receiving-stages">
        {v.stages.map((s) => {
          const bad = v.problems.some((p) => p.stage === s);
          return <Tag key={s} color={bad ? 'red' : 'green'}>{stageName(t, s)}</Tag>;
        })}
      </Space>
      {v.problems.length > 0 && (
        <>
          <Typography.Title level={5}>{t('receivingProblems')}</Typography.Title>
          <ProblemTable rows={v.problems} testId="receiving-problems" />
        </>
      )}
      {v.warnings.length > 0 && (
        <>
          <Typography.Title level={5}>{t('receivingWarnings')}</Typography.Title>
          <ProblemTable rows={v.warnings} testId="receiving-warnings" />
        </>
      )}
    </>
  );
}
