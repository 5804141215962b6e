import { Alert, Button, Card, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { BatchRow, DecideRequest, ErrorDTO, MachineSummary, ProjectRow, SamplePage, SampleResult } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { QcDecision } from './QcDecision.js';
import { QcPageReview, type Judgement } from './QcPageReview.js';
import { QcReportView } from './QcReportView.js';
import { BATCH_STATE_KEYS, CHECK_KEYS, rateText } from './qcLabels.js';

const pageKey = (p: SamplePage) => `${p.archivalCode}#${p.pageNo}`;

/**
 * The archive room's QC of a digitization batch (DA/T 31): the machine findings, the sample
 * drawn by the engine, each sampled page judged side by side with its scan, OCR text and
 * catalog fields, the running pass rate against the pass mark, then acceptance or return.
 */
export function QcReviewScreen() {
  const { t } = useI18n();
  const [projects, setProjects] = useState<ProjectRow[]>([]);
  const [projectId, setProjectId] = useState<number | null>(null);
  const [batches, setBatches] = useState<BatchRow[]>([]);
  const [batchId, setBatchId] = useState<number | null>(null);
  const [machine, setMachine] = useState<MachineSummary | null>(null);
  const [pages, setPages] = useState<SamplePage[]>([]);
  const [current, setCurrent] = useState(0);
  const [result, setResult] = useState<SampleResult | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const guard = useCallback(async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, []);

  useEffect(() => {
    void guard(async () => {
      const list = await call('digitization:list', undefined);
      setProjects(list);
      setProjectId(list[0]?.id ?? null);
    });
  }, [guard]);

  const loadBatches = useCallback(async (project: number) => {
    const list = await call('qc:batches', { project });
    setBatches(list);
    return list;
  }, []);

  useEffect(() => {
    setBatches([]);
    setBatchId(null);
    if (projectId === null) return;
    void guard(async () => {
      const list = await loadBatches(projectId);
      // The batch waiting for the archive room first, else the latest.
      setBatchId((list.find((b) => b.state === 'checked' || b.state === 'sampled') ?? list.at(-1))?.id ?? null);
    });
  }, [projectId, guard, loadBatches]);

  const batch = batches.find((b) => b.id === batchId) ?? null;
  const loadSample = useCallback(async (id: number) => {
    const list = await call('qc:samplePages', { batchId: id });
    setPages(list);
    setResult(list.length > 0 ? await call('qc:result', { batchId: id }) : null);
    return list;
  }, []);

  useEffect(() => {
    setMachine(null);
    setPages([]);
    setResult(null);
    setOutcome(null);
    setCurrent(0);
    if (batchId === null) return;
    void guard(async () => {
      setMachine(await call('qc:findings', { batchId }));
      const list = await loadSample(batchId);
      const open = list.findIndex((p) => p.verdict === null);
      setCurrent(open < 0 ? 0 : open);
    });
  }, [batchId, guard, loadSample]);

  const draw = () => guard(async () => {
    if (batchId === null || projectId === null) return;
    await call('qc:sample', { batchId });
    await loadSample(batchId);
    setCurrent(0);
    await loadBatches(projectId);
  });

  const judge = (page: SamplePage) => async (j: Judgement) => guard(async () => {
    if (batchId === null) return;
    await call('qc:judge', { batchId, record: page.archivalCode, pageNo: page.pageNo, ...j });
    // The pages, the result and the next page change together (React batches the updates).
    const list = await loadSample(batchId);
    // On to the next page not judged yet (after this one, then from the start).
    const at = list.findIndex((p) => pageKey(p) === pageKey(page));
    const order = [...list.slice(at + 1), ...list.slice(0, at + 1)];
    const next = order.find((p) => p.verdict === null);
    if (next) setCurrent(list.indexOf(next));
  });

  const decide = (decision: 'accept' | 'return', signatories: DecideRequest) => guard(async () => {
    if (batchId === null || projectId === null || !batch) return;
    const report = await call(decision === 'accept' ? 'qc:accept' : 'qc:return', { batchId, ...signatories });
    setOutcome(report.decision === 'accepted'
      ? t('qcAccepted', { seq: batch.seq, size: report.sample.size, rate: rateText(report.sample.passRate) })
      : t('qcReturned', { seq: batch.seq, defects: report.defects.length }));
    await loadBatches(projectId);
  });

  const page = pages[current];
  const sampled = batch?.state === 'sampled';
  return (
    <Card title={t('qcTitle')} data-testid="qc-review">
      <Alert type="info" showIcon title={t('qcIntro')} style={{ marginBottom: 12 }} />
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {projects.length === 0 && <Alert data-testid="qc-no-projects" type="info" title={t('qcNoProjects')} style={{ marginBottom: 12 }} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('qcProject')}</span>
        <Select data-testid="qc-project" value={projectId ?? undefined} style={{ width: 280 }} onChange={(v: number) => setProjectId(v)}
          options={projects.map((p) => ({ value: p.id, label: p.name }))} />
        <span>{t('qcBatch')}</span>
        <Select data-testid="qc-batch" value={batchId ?? undefined} style={{ width: 340 }} onChange={(v: number) => setBatchId(v)}
          options={batches.map((b) => ({ value: b.id, label: t('qcBatchOption', { seq: b.seq, items: b.items, pages: b.pages, state: t(BATCH_STATE_KEYS[b.state]) }) }))} />
      </Space>
      {projectId !== null && batches.length === 0 && <Alert data-testid="qc-no-batches" type="info" title={t('qcNoBatches')} style={{ marginBottom: 12 }} />}
      {outcome && <Alert data-testid="qc-outcome" type="success" showIcon title={outcome} style={{ marginBottom: 12 }} />}
      {batch && (batch.state === 'accepted' || batch.state === 'returned') && <QcReportView key={`${batch.id}:${batch.state}`} batchId={batch.id} />}
      {machine && (
        <div data-testid="qc-machine" style={{ marginBottom: 12 }}>
          <Typography.Text strong>{t('qcMachine')}：</Typography.Text>
          <span>{t('qcMachineSummary', { pages: machine.pages, withFindings: machine.pagesWithFindings })}</span>{' '}
          {Object.entries(machine.counts).filter(([, n]) => n > 0).map(([check, n]) => (
            <Tag key={check} color="orange" data-check={check}>{t(CHECK_KEYS[check as keyof typeof CHECK_KEYS])} {n}</Tag>
          ))}
        </div>
      )}
      {batch?.state === 'checked' && <Button type="primary" data-testid="qc-draw" onClick={() => void draw()} style={{ marginBottom: 12 }}>{t('qcDraw')}</Button>}
      {result && <QcDecision key={batchId} result={result} canDecide={sampled} onDecide={decide} />}
      {pages.length > 0 && batch && (
        <>
          <Space wrap size={4} style={{ marginBottom: 8 }} data-testid="qc-sample-strip">
            <span data-testid="qc-sample-info">{t('qcSampleInfo', { size: pages.length, percent: batch.samplePercent })}</span>
            {pages.map((p, i) => (
              <Tag.CheckableTag key={pageKey(p)} checked={i === current} onChange={() => setCurrent(i)} data-testid="qc-sample-tag" data-verdict={p.verdict ?? ''}
                style={{ borderColor: p.verdict === 'fail' ? '#cf1322' : p.verdict === 'pass' ? '#389e0d' : '#d9d9d9' }}>
                {p.archivalCode.slice(-4)}·{p.pageNo}
              </Tag.CheckableTag>
            ))}
            <Button size="small" data-testid="qc-prev" disabled={current === 0} onClick={() => setCurrent(current - 1)}>{t('qcPrev')}</Button>
            <Button size="small" data-testid="qc-next" disabled={current >= pages.length - 1} onClick={() => setCurrent(current + 1)}>{t('qcNext')}</Button>
          </Space>
          {page && <QcPageReview key={pageKey(page)} page={page} readOnly={!sampled} onJudge={judge(page)} />}
        </>
      )}
    </Card>
  );
}
