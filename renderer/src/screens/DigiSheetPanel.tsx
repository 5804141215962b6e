import { Alert, Button, Card, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ErrorDTO, PageProcessMetadata, ProcessStep, ProjectDetail, SheetStepRow, SheetView } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { PROCESS_STEPS, STEP_KEYS } from './digiLabels.js';
import { sizeText } from './useJobProgress.js';

/**
 * An item's process sheet (流程单): the steps the engine wrote as pre-check, scanning and QC
 * ran, the steps done by hand on paper (拆卷, 装订 …) added here, the per-image process
 * metadata, and the sheet printed as a PDF to a path on this computer.
 */
export function DigiSheetPanel({ detail }: { detail: ProjectDetail }) {
  const { t } = useI18n();
  const [code, setCode] = useState<string | undefined>(detail.items[0]?.archivalCode);
  const [view, setView] = useState<SheetView | null>(null);
  const [step, setStep] = useState<ProcessStep>('unbind');
  const [deviceId, setDeviceId] = useState('');
  const [count, setCount] = useState<number | null>(null);
  const [operator, setOperator] = useState('');
  const [note, setNote] = useState('');
  const [out, setOut] = useState('');
  const [printed, setPrinted] = useState<string | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);
  const project = detail.project.id;

  const load = useCallback(async (c: string) => {
    try {
      setView(await call('digitization:sheet', { project, code: c }));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, [project]);
  useEffect(() => {
    setView(null);
    setPrinted(null);
  }, [code]);
  // Again whenever the project changes (a scan or a pre-check writes steps on the sheet).
  useEffect(() => {
    if (code) void load(code);
  }, [code, load, detail]);

  const add = async () => {
    if (!code) return;
    setError(null);
    const s = { step, ...(deviceId.trim() ? { deviceId: deviceId.trim() } : {}), ...(count !== null ? { count } : {}), ...(operator.trim() ? { operator: operator.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) };
    try {
      setView(await call('digitization:addSheetStep', { project, code, step: s }));
      setNote('');
      setCount(null);
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  const print = async () => {
    if (!code) return;
    setError(null);
    setPrinted(null);
    try {
      const r = await call('digitization:printSheet', { project, code, out: out.trim() });
      setPrinted(t('digiSheetPrinted', { path: r.path, pages: r.pages, size: sizeText(r.bytes) }));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  return (
    <div>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('qcFieldCode')}</span>
        <Select data-testid="digi-sheet-item" value={code} onChange={setCode} style={{ width: 360 }} showSearch
          options={detail.items.map((i) => ({ value: i.archivalCode, label: `${i.archivalCode} ${i.title}` }))} />
      </Space>
      {view && (
        <>
          <Table<SheetStepRow> data-testid="digi-sheet-steps" size="small" rowKey="id" pagination={false} dataSource={view.sheet.steps}
            columns={[
              { title: t('digiColStep'), dataIndex: 'step', width: 100, render: (s: ProcessStep) => t(STEP_KEYS[s]) },
              { title: t('digiColDevice'), dataIndex: 'deviceId', width: 120, render: (v: string) => v || '–' },
              { title: t('digiColCount'), dataIndex: 'count', width: 70 },
              { title: t('digiColOperator'), dataIndex: 'operator', width: 120 },
              { title: t('digiColAt'), dataIndex: 'at', width: 170, render: (v: string) => new Date(v).toLocaleString() },
              { title: t('digiColSource'), dataIndex: 'source', width: 80, render: (s: SheetStepRow['source']) => <Tag>{t(s === 'auto' ? 'digiSourceAuto' : 'digiSourceManual')}</Tag> },
              { title: t('qcNote'), dataIndex: 'note', ellipsis: true },
            ]} />
          {detail.project.state === 'open' && (
            <Card type="inner" size="small" title={t('digiSheetAddTitle')} style={{ marginTop: 12 }}>
              <Space wrap>
                <Select<ProcessStep> data-testid="digi-sheet-step" value={step} onChange={setStep} style={{ width: 140 }} options={PROCESS_STEPS.map((s) => ({ value: s, label: t(STEP_KEYS[s]) }))} />
                <Input data-testid="digi-sheet-device" placeholder={t('digiColDevice')} value={deviceId} maxLength={100} style={{ width: 140 }} onChange={(e) => setDeviceId(e.target.value)} />
                <InputNumber data-testid="digi-sheet-count" placeholder={t('digiColCount')} min={0} max={1000000} value={count} onChange={setCount} />
                <Input data-testid="digi-sheet-operator" placeholder={t('digiSheetOperator')} value={operator} maxLength={100} style={{ width: 160 }} onChange={(e) => setOperator(e.target.value)} />
                <Input data-testid="digi-sheet-note" placeholder={t('qcNote')} value={note} maxLength={1000} style={{ width: 220 }} onChange={(e) => setNote(e.target.value)} />
                <Button type="primary" data-testid="digi-sheet-add" onClick={() => void add()}>{t('digiSheetAdd')}</Button>
              </Space>
            </Card>
          )}
          <Typography.Title level={5} style={{ marginTop: 12 }}>{t('digiPagesTitle', { n: view.pages.length })}</Typography.Title>
          <Table<PageProcessMetadata> data-testid="digi-sheet-pages" size="small" rowKey="pageNo" pagination={{ pageSize: 10 }} dataSource={view.pages} locale={{ emptyText: t('digiNoPages') }}
            columns={[
              { title: t('qcFieldPage'), dataIndex: 'pageNo', width: 60 },
              { title: t('digiColDevice'), dataIndex: 'deviceId', width: 120 },
              { title: t('digiColSoftware'), dataIndex: 'software', width: 140, render: (v: string) => v || '–' },
              { title: t('digiColDpi'), dataIndex: 'dpi', width: 70, render: (v: number | null) => v ?? '–' },
              { title: t('digiColColour'), dataIndex: 'colourMode', width: 90 },
              { title: t('digiColCompression'), dataIndex: 'compression', width: 100 },
              { title: t('digiColOperator'), dataIndex: 'operator', width: 120 },
              { title: t('digiColAt'), dataIndex: 'capturedAt', render: (v: string) => new Date(v).toLocaleString() },
            ]} />
          <Card type="inner" size="small" title={t('digiSheetPrintTitle')} style={{ marginTop: 12 }}>
            {printed && <Alert data-testid="digi-sheet-printed" type="success" showIcon title={printed} style={{ marginBottom: 8 }} />}
            <Space.Compact style={{ width: '100%' }}>
              <Input data-testid="digi-sheet-out" placeholder={t('digiSheetOut')} value={out} onChange={(e) => setOut(e.target.value)} style={{ fontFamily: 'monospace' }} />
              <Button type="primary" data-testid="digi-sheet-print" disabled={!out.trim()} onClick={() => void print()}>{t('digiSheetPrint')}</Button>
            </Space.Compact>
          </Card>
        </>
      )}
    </div>
  );
}
