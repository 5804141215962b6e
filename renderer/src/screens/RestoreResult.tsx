import { Alert, Button, Descriptions, List, Typography } from 'antd';
import type { RestoreReport } from '../../../electron/contract.js';
import { useI18n } from '../i18n/index.js';

/**
 * A whole-vault restore's result in words: the snapshot it came from and when it was written,
 * how many objects came back, the audit chain, and every object that did not, named by its
 * records' 档号. A restore with every object back (a vault now) offers to open it.
 */
export function RestoreResult({ report, busy, onOpen }: { report: RestoreReport; busy: boolean; onOpen: () => void }) {
  const { t } = useI18n();
  const restored = report.restored + report.alreadyThere;
  return (
    <div data-testid="restore-result">
      <Alert
        data-testid={report.complete ? 'restore-done' : 'restore-incomplete'}
        type={report.complete ? 'success' : 'error'}
        showIcon
        style={{ marginBottom: 16 }}
        title={report.complete ? t('restoreDone', { restored, objects: report.objects })
          : report.missing.length > 0 ? t('restoreIncomplete', { missing: report.missing.length })
          : t('restoreAuditBroken', { problems: report.audit.problems.slice(0, 3).join('；') })}
      />
      <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('restoreSnapshot')}>
          <span data-testid="restore-snapshot">{t('restoreSnapshotText', { date: new Date(report.snapshot.writtenAt).toLocaleString(), medium: report.snapshot.mediumId })}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('restoreObjects')}>
          <span data-testid="restore-objects">{t('restoreObjectsText', { restored, objects: report.objects })}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('restoreAudit')}>{t(report.audit.ok ? 'mediaDrillAuditOk' : 'mediaDrillAuditBad', { rows: report.audit.rows })}</Descriptions.Item>
        <Descriptions.Item label={t('restoreMediaList')}>{report.media.join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('restoreTo')}>{report.to}</Descriptions.Item>
        <Descriptions.Item label={t('restoreMissing')}>{report.missing.length === 0 ? t('restoreMissingNone') : report.missing.length}</Descriptions.Item>
      </Descriptions>
      {report.missing.length > 0 && (
        <List
          data-testid="restore-missing"
          size="small"
          bordered
          style={{ marginBottom: 16 }}
          dataSource={report.missing}
          renderItem={(m) => <List.Item>{t('restoreMissingLine', { sha256: m.sha256, codes: m.archivalCodes.join('、') || '-', reasons: m.reasons.join('；') })}</List.Item>}
        />
      )}
      {report.missing.length === 0 && (
        <>
          <Typography.Paragraph type="secondary">{t('restoreOpenHint')}</Typography.Paragraph>
          <Button type="primary" data-testid="restore-open" loading={busy} onClick={onOpen}>{t('restoreOpen')}</Button>
        </>
      )}
    </div>
  );
}
