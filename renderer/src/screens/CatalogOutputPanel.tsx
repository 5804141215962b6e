import { Alert, Button, Card, Col, Input, InputNumber, Row, Select, Space, Table } from 'antd';
import { useState } from 'react';
import type { CatalogSelection, ErrorDTO, ImportProblem } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { sizeText } from './useJobProgress.js';

type Output = 'xlsx' | 'csv' | 'xml' | 'catalogPdf' | 'stampsPdf';

const FIELD_KEYS: Partial<Record<string, MessageKey>> = {
  title: 'editTitleField', docNumber: 'editDocNumber', docDate: 'editDocDate', creator: 'editCreator', year: 'editYear', retention: 'editRetention',
  orgUnit: 'editOrgUnit', classification: 'editClassification', classificationPeriod: 'editClassificationPeriod', remarks: 'editRemarks', archivalCode: 'reviewCode',
};

/**
 * 目录输出与导入: the catalog exported for the archive's query system (.xlsx, CSV, XML with the
 * DA/T 22 columns) or printed (归档文件目录, 归档章) as PDF; and a catalog file imported, every
 * refused row listed by row and field (nothing is imported then).
 */
export function CatalogOutputPanel() {
  const { t, lang } = useI18n();
  const [kind, setKind] = useState<Output>('xlsx');
  const [out, setOut] = useState('');
  const [year, setYear] = useState<number | null>(null);
  const [file, setFile] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [problems, setProblems] = useState<ImportProblem[]>([]);

  const selection: CatalogSelection = year ? { year } : {};
  const write = async () => {
    setError(null);
    setNote(null);
    try {
      if (kind === 'catalogPdf' || kind === 'stampsPdf') {
        const r = await call(kind === 'catalogPdf' ? 'print:catalog' : 'print:stamps', { out: out.trim(), selection });
        setNote(t('outputPrinted', { records: r.records, pages: r.pages, size: sizeText(r.bytes), path: r.path, fixed: r.fixed }));
      } else {
        const r = await call('catalog:export', { format: kind, out: out.trim(), selection });
        setNote(t('outputExported', { records: r.records, size: sizeText(r.bytes), path: r.path, leftOut: r.leftOut }));
      }
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  const importFile = async () => {
    setError(null);
    setNote(null);
    setProblems([]);
    try {
      const r = await call('catalog:import', { file: file.trim() });
      setNote(t('outputImported', { count: r.imported }));
    } catch (e) {
      const dto = asErrorDTO(e);
      setError(dto);
      setProblems((dto.details['problems'] as ImportProblem[] | undefined) ?? []);
    }
  };

  return (
    <div>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {note && <Alert data-testid="output-note" type="success" showIcon title={note} style={{ marginBottom: 16 }} />}
      <Card type="inner" title={t('outputTitle')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col span={6}>
            <Select data-testid="output-kind" value={kind} onChange={setKind} style={{ width: '100%' }} options={[
              { value: 'xlsx', label: t('outputXlsx') }, { value: 'csv', label: t('outputCsv') }, { value: 'xml', label: t('outputXml') },
              { value: 'catalogPdf', label: t('outputCatalogPdf') }, { value: 'stampsPdf', label: t('outputStampsPdf') },
            ]} />
          </Col>
          <Col span={4}><InputNumber data-testid="output-year" placeholder={t('transferYear')} min={1000} max={9999} value={year} onChange={(v) => setYear(v)} style={{ width: '100%' }} /></Col>
          <Col span={14}>
            <Space.Compact style={{ width: '100%' }}>
              <Input data-testid="output-path" placeholder={t('outputPath')} value={out} onChange={(e) => setOut(e.target.value)} style={{ fontFamily: 'monospace' }} />
              <Button type="primary" data-testid="output-write" disabled={!out.trim()} onClick={() => void write()}>{t('outputWrite')}</Button>
            </Space.Compact>
          </Col>
        </Row>
      </Card>
      <Card type="inner" title={t('outputImportTitle')}>
        <Space.Compact style={{ width: '100%' }}>
          <Input data-testid="import-file" placeholder={t('outputImportFile')} value={file} onChange={(e) => setFile(e.target.value)} style={{ fontFamily: 'monospace' }} />
          <Button data-testid="import-run" disabled={!file.trim()} onClick={() => void importFile()}>{t('outputImportRun')}</Button>
        </Space.Compact>
        {problems.length > 0 && (
          <Table<ImportProblem>
            data-testid="import-problems"
            size="small"
            style={{ marginTop: 16 }}
            rowKey={(p) => `${p.row}:${p.field}:${p.value}`}
            pagination={{ pageSize: 20 }}
            dataSource={problems}
            columns={[
              { title: t('outputColRow'), dataIndex: 'row', width: 70 },
              { title: t('outputColField'), dataIndex: 'field', width: 140, render: (f: string) => (FIELD_KEYS[f] ? t(FIELD_KEYS[f]) : f) },
              { title: t('outputColValue'), dataIndex: 'value', width: 220, ellipsis: true },
              { title: t('outputColReason'), render: (_: unknown, p: ImportProblem) => p.reason[lang] || p.reason.zh },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
