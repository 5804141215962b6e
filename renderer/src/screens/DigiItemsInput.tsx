import { Button, Col, Input, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ItemsSpec, NewItem } from '../../../electron/contract.js';
import { call } from '../bridge.js';
import { useI18n } from '../i18n/index.js';
import { DigiCatalogPick } from './DigiCatalogPick.js';
import { parseItemLines } from './digiLabels.js';

export interface ItemsDraft {
  /** 档号[,题名[,页数]] one a line. */
  lines: string;
  /** A range of one class, e.g. Z109-WS·2016-Y-BGS-0001..0050. */
  range: string;
  /** A CSV file of the paper catalog on this computer. */
  file: string;
}

/** The items as the engine takes them (given, a range, a CSV file); badLine names a typed line whose page count is not a number. */
export function itemsSpecOf(d: ItemsDraft): { spec: ItemsSpec; badLine: number | null } {
  const { items, badLine } = parseItemLines(d.lines);
  const spec: ItemsSpec = {};
  if (items.length > 0) spec.items = items;
  if (d.range.trim()) spec.range = d.range.trim();
  if (d.file.trim()) spec.itemsFile = d.file.trim();
  return { spec, badLine };
}

/** A picked catalog entry as a typed line (档号,题名), so the person sees and can edit what will be sent. */
function lineOf(i: NewItem): string {
  return i.title ? `${i.archivalCode},${i.title.replace(/[,，\t\r\n]/g, ' ')}` : i.archivalCode;
}

/** The ways to name a project's items (typed, picked from the catalog, a range, a CSV file), any of them together. */
export function DigiItemsInput({ draft, onChange }: { draft: ItemsDraft; onChange: (d: ItemsDraft) => void }) {
  const { t } = useI18n();
  const [picking, setPicking] = useState(false);
  // The host's file dialog (none in a plain browser: the path is typed instead).
  const browse = async () => {
    const chosen = await call('dialog:choosePaths', { kind: 'files' }).catch(() => []);
    if (chosen[0]) onChange({ ...draft, file: chosen[0] });
  };
  return (
    <Row gutter={12} style={{ marginTop: 12 }}>
      <DigiCatalogPick open={picking} onClose={(items) => {
        setPicking(false);
        if (items.length > 0) onChange({ ...draft, lines: [draft.lines.trimEnd(), ...items.map(lineOf)].filter(Boolean).join('\n') });
      }} />
      <Col span={12}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text>{t('digiItemsLines')}</Typography.Text>
          <Button size="small" type="link" data-testid="digi-pick-catalog" onClick={() => setPicking(true)}>{t('digiPickButton')}</Button>
        </Space>
        <Input.TextArea data-testid="digi-items-lines" rows={4} value={draft.lines} placeholder={t('digiItemsLinesHint')} style={{ fontFamily: 'monospace' }}
          onChange={(e) => onChange({ ...draft, lines: e.target.value })} />
      </Col>
      <Col span={12}>
        <Typography.Text>{t('digiItemsRange')}</Typography.Text>
        <Input data-testid="digi-items-range" value={draft.range} placeholder={t('digiItemsRangeHint')} maxLength={500} style={{ fontFamily: 'monospace' }}
          onChange={(e) => onChange({ ...draft, range: e.target.value })} />
        <Typography.Text style={{ display: 'block', marginTop: 8 }}>{t('digiItemsFile')}</Typography.Text>
        <Space.Compact style={{ width: '100%' }}>
          <Input data-testid="digi-items-file" value={draft.file} placeholder={t('digiItemsFileHint')} style={{ fontFamily: 'monospace' }}
            onChange={(e) => onChange({ ...draft, file: e.target.value })} />
          <Button onClick={() => void browse()}>{t('vaultBrowse')}</Button>
        </Space.Compact>
      </Col>
    </Row>
  );
}
