import { Button, Card, Col, Progress, Row, Space, Statistic, Typography } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { DashboardDTO, ErrorDTO, JobProgress } from '../../../electron/contract.js';
import { asErrorDTO, call, onEvent } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';

function Tile({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Col xs={24} sm={12} lg={8}>
      <Card size="small" title={title} data-testid={`dash-${id}`} style={{ height: '100%' }}>
        {children}
      </Card>
    </Col>
  );
}

/**
 * The first screen after login: the counts the session's roles may see (the engine decides
 * which parts come back), read again when a job ends; the OCR run's progress follows its events.
 */
export function DashboardScreen({ onOpenJobs }: { onOpenJobs: () => void }) {
  const { t } = useI18n();
  const [d, setD] = useState<DashboardDTO | null>(null);
  const [ocrLive, setOcrLive] = useState<JobProgress | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const load = useCallback(async () => {
    try {
      const r = await call('dashboard:summary', undefined);
      setD(r);
      setOcrLive(r.ocr?.live ?? null);
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, []);

  useEffect(() => {
    void load();
    return onEvent((e) => {
      if (e.type === 'job:progress' && e.progress.kind === 'ocr') setOcrLive(e.progress);
      if (e.type === 'job:end') void load();
    });
  }, [load]);

  const nothing = d !== null && Object.keys(d).length === 0;
  const ocr = d?.ocr;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="dashboard">
      <Space>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('dashTitle')}</Typography.Title>
        <Button size="small" onClick={() => void load()} data-testid="dash-refresh">{t('dashRefresh')}</Button>
      </Space>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {nothing && <Typography.Text type="secondary" data-testid="dash-nothing">{t('dashNothing')}</Typography.Text>}
      <Row gutter={[16, 16]}>
        {d?.catalog && (
          <Tile id="catalog" title={t('menuCatalog')}>
            <Space size="large">
              <Statistic title={t('dashRecords')} value={d.catalog.records} data-testid="dash-records" />
              <Statistic title={t('dashPages')} value={d.catalog.pages} data-testid="dash-pages" />
            </Space>
          </Tile>
        )}
        {ocr && (
          <Tile id="ocr" title={t('dashOcrQueue')}>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              {ocrLive && ocrLive.total > 0 && (
                <>
                  <Typography.Text>{t('dashOcrRunning', { done: ocrLive.done, total: ocrLive.total })}</Typography.Text>
                  <Progress percent={Math.floor((ocrLive.done / ocrLive.total) * 100)} size="small" status="active" />
                </>
              )}
              <Typography.Text data-testid="dash-ocr-pending">{t('dashOcrPending', { n: ocr.pending + ocr.running })}</Typography.Text>
              <Typography.Text type="secondary">{t('dashOcrDone', { n: ocr.done })}</Typography.Text>
              {ocr.failed > 0 && <Typography.Text type="danger">{t('dashOcrFailed', { n: ocr.failed })}</Typography.Text>}
            </Space>
          </Tile>
        )}
        {d?.index !== undefined && (
          <Tile id="index" title={t('dashIndex')}>
            {d.index === null ? (
              <Typography.Text type="success">{t('dashIndexWhole')}</Typography.Text>
            ) : (
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Typography.Text type="warning">{t('dashIndexRebuilding', { done: d.index.done, total: d.index.total })}</Typography.Text>
                <Progress percent={d.index.total > 0 ? Math.floor((d.index.done / d.index.total) * 100) : 0} size="small" />
              </Space>
            )}
          </Tile>
        )}
        {d?.media && (
          <>
            <Tile id="media" title={t('dashMedia')}>
              <Space orientation="vertical" size={2}>
                <Typography.Text>{t('dashMediaCount', { n: d.media.media })}</Typography.Text>
                <Typography.Text type={d.media.due > 0 ? 'warning' : 'secondary'} data-testid="dash-media-due">{t('dashMediaDue', { n: d.media.due })}</Typography.Text>
              </Space>
            </Tile>
            <Tile id="alerts" title={t('dashAlerts')}>
              <Statistic value={d.media.openAlerts} styles={{ content: { color: d.media.openAlerts > 0 ? '#cf1322' : undefined } }} />
            </Tile>
            <Tile id="at-risk" title={t('dashAtRisk')}>
              <Statistic value={d.media.atRisk} styles={{ content: { color: d.media.atRisk > 0 ? '#cf1322' : undefined } }} />
              <Typography.Text type="secondary">{t('dashAtRiskOf', { total: d.media.records, covered: d.media.covered })}</Typography.Text>
            </Tile>
          </>
        )}
        {d?.transfers && (
          <Tile id="transfers" title={t('dashTransfers')}>
            <Statistic value={d.transfers.inProgress} />
          </Tile>
        )}
        {d?.digitization && (
          <Tile id="digitization" title={t('dashDigitization')}>
            <Space orientation="vertical" size={4}>
              <Typography.Text data-testid="dash-projects-open">{t('dashProjectsOpen', { n: d.digitization.openProjects })}</Typography.Text>
              <Typography.Text type={d.digitization.awaitingReview > 0 ? 'warning' : 'secondary'} data-testid="dash-qc-awaiting">{t('dashQcAwaiting', { n: d.digitization.awaitingReview })}</Typography.Text>
            </Space>
          </Tile>
        )}
        {d?.jobs && (
          <Tile id="jobs" title={t('dashJobs')}>
            <Space orientation="vertical" size={4}>
              <Typography.Text data-testid="dash-jobs-running">{t('dashJobsRunning', { n: d.jobs.running })}</Typography.Text>
              <Typography.Text type={d.jobs.unfinished > 0 ? 'warning' : 'secondary'}>{t('dashJobsUnfinished', { n: d.jobs.unfinished })}</Typography.Text>
              <Button size="small" onClick={onOpenJobs} data-testid="dash-open-jobs">{t('dashOpenJobs')}</Button>
            </Space>
          </Tile>
        )}
      </Row>
    </Space>
  );
}
