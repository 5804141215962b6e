import { Card, Tabs, Typography } from 'antd';
import { useI18n } from '../i18n/index.js';
import { GrantsPanel } from './GrantsPanel.js';
import { RecordReviewPanel } from './RecordReviewPanel.js';

/** The security officer's reviews (保密审查): access approvals, and a record's classification or access status. */
export function ReviewsScreen() {
  const { t } = useI18n();
  return (
    <Card title={t('reviewTitle')}>
      <Typography.Paragraph type="secondary">{t('reviewIntro')}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'grants', label: <span data-testid="review-tab-grants">{t('reviewTabGrants')}</span>, children: <GrantsPanel /> },
          { key: 'record', label: <span data-testid="review-tab-record">{t('reviewTabRecord')}</span>, children: <RecordReviewPanel /> },
        ]}
      />
    </Card>
  );
}
