import { Alert, Button, Card, Descriptions, Input, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { AcceptanceReport, Defect, ErrorDTO } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { sizeText } from './useJobProgress.js';
import { rateText } from './qcLabels.js';

/**
 * A decided batch's 验收报告 (accepted) or 退回单 (returned) as the engine stored it at the
 * decision: the decision, the sample's pass rate against the pass mark, the counts, every
 * defect with its reason, the media register and the signatures; printed to a PDF to sign
 * through the engine (CJK font embedded) at a path on this computer.
 */
export function QcReportView({ batchId }: { batchId: number }) {
  const { t } = useI18n();
  const [report, setReport] = useState<AcceptanceReport | null>(null);
  const [out, setOut] = useState('');
  const [printed, setPrinted] = useState<string | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);

  useEffect(() => {
    let live = true;
    setReport(null);
    setPrinted(null);
    call('qc:report', { batchId }).then((r) => live && setReport(r), (e: unknown) => live && setError(asErrorDTO(e)));
    return () => {
      live = false;
    };
  }, [batchId]);

  const print = async () => {
    setError(null);
    setPrinted(null);
    try {
      const r = await call('qc:printReport', { batchId, out: out.trim() });
      setPrinted(t('qcReportPrinted', { path: r.path, pages: r.pages, size: sizeText(r.bytes) }));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  if (!report) return <ErrorNotice error={error} onClose={() => setError(null)} />;
  const accepted = report.decision === 'accepted';
  const s = report.sample;
  return (
    <Card type="inner" data-testid="qc-report" data-decision={report.decision} title={<Space>{report.title}<Tag color={accepted ? 'green' : 'red'}>{t(accepted ? 'qcStateAccepted' : 'qcStateReturned')}</Tag></Space>} style={{ marginBottom: 12 }}>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      <Descriptions data-testid="qc-report-summary" size="small" column={3} bordered items={[
        { key: 'project', label: t('qcProject'), children: report.project },
        { key: 'vendor', label: t('digiColVendor'), children: report.vendor || t('digiInHouse') },
        { key: 'batch', label: t('qcBatch'), children: t('qcReportBatch', { seq: report.batch }) },
        { key: 'counts', label: t('qcReportCounts'), children: t('qcReportCountsText', { items: report.counts.items, pages: report.counts.pages }) },
        { key: 'machine', label: t('qcMachine'), children: t('qcMachineSummary', { pages: report.machine.pages, withFindings: report.machine.pagesWithFindings }) },
        { key: 'sample', label: t('qcReportSample'), children: <span data-testid="qc-report-sample">{t('qcReportSampleText', { size: s.size, failed: s.failed, rate: rateText(s.passRate), mark: s.passMark })}</span> },
        { key: 'media', label: t('qcReportMedia'), children: t('qcReportMediaText', { total: report.mediaRegister.total, outstanding: report.mediaRegister.outstanding.length }) },
        { key: 'signed', label: t('qcReportSignatures'), children: `${report.signatures.archiveRoom || '–'} / ${report.signatures.vendor || '–'}` },
        { key: 'date', label: t('qcReportDate'), children: report.signatures.date },
      ]} />
      <Table<Defect> data-testid="qc-report-defects" size="small" style={{ marginTop: 12 }} rowKey={(d) => `${d.source}:${d.archivalCode}:${d.pageNo ?? ''}:${d.what}`} pagination={false}
        dataSource={report.defects} locale={{ emptyText: t('qcReportNoDefects') }}
        columns={[
          { title: t('qcFieldCode'), dataIndex: 'archivalCode', width: 240 },
          { title: t('qcFieldPage'), dataIndex: 'pageNo', width: 70, render: (n: number | null) => n ?? '–' },
          { title: t('qcReportSource'), dataIndex: 'source', width: 100, render: (x: Defect['source']) => t(x === 'sample' ? 'qcReportSourceSample' : 'qcReportSourceMachine') },
          { title: t('qcReason'), dataIndex: 'what', width: 160 },
          { title: t('qcNote'), dataIndex: 'note', render: (n: string) => n || '–' },
        ]} />
      <div style={{ marginTop: 12 }}>
        {printed && <Alert data-testid="qc-report-printed" type="success" showIcon title={printed} style={{ marginBottom: 8 }} />}
        <Space.Compact style={{ width: '100%' }}>
          <Input data-testid="qc-report-out" placeholder={t('qcReportOut')} value={out} onChange={(e) => setOut(e.target.value)} style={{ fontFamily: 'monospace' }} />
          <Button type="primary" data-testid="qc-report-print" disabled={!out.trim()} onClick={() => void print()}>{t(accepted ? 'qcReportPrintAccept' : 'qcReportPrintReturn')}</Button>
        </Space.Compact>
      </div>
    </Card>
  );
}
