import { Alert, Button, Table, Tag } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import type { ItemRow, ProjectDetail } from '../../../electron/contract.js';
import { call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { ITEM_STATE_COLORS, ITEM_STATE_KEYS } from './digiLabels.js';
import { DigiItemsInput, itemsSpecOf, type ItemsDraft } from './DigiItemsInput.js';
import { useNotedAction } from './useNotedAction.js';

/** The project's items with their state and scanned record, and more items added (typed 档号, a range, or a catalog CSV). */
export function DigiItemsPanel({ detail, onChanged }: { detail: ProjectDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<ItemsDraft>({ lines: '', range: '', file: '' });
  const { note, error, setError, run } = useNotedAction();
  const [badLine, setBadLine] = useState<number | null>(null);

  const add = () => run(async () => {
    const { spec, badLine: bad } = itemsSpecOf(draft);
    setBadLine(bad);
    if (bad !== null) return null;
    const before = detail.items.length;
    const d = await call('digitization:addItems', { project: detail.project.id, ...spec });
    setDraft({ lines: '', range: '', file: '' });
    onChanged();
    return t('digiItemsAdded', { count: d.items.length - before });
  });

  const open = detail.project.state === 'open';
  return (
    <div>
      <Table<ItemRow> data-testid="digi-items" size="small" rowKey="id" pagination={{ pageSize: 50 }} dataSource={detail.items}
        onRow={(i) => ({ 'data-code': i.archivalCode, 'data-state': i.state } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('digiColSeq'), dataIndex: 'seq', width: 60 },
          { title: t('qcFieldCode'), dataIndex: 'archivalCode', width: 240 },
          { title: t('qcFieldTitle'), dataIndex: 'title', ellipsis: true },
          { title: t('digiColExpected'), dataIndex: 'expectedPages', width: 90, render: (n: number | null) => n ?? '–' },
          { title: t('digiColItemState'), dataIndex: 'state', width: 100, render: (s: ItemRow['state']) => <Tag color={ITEM_STATE_COLORS[s]}>{t(ITEM_STATE_KEYS[s])}</Tag> },
          { title: t('digiColRecord'), dataIndex: 'recordCode', width: 240, render: (c: string | null, i) => (c ? t('digiRecordPages', { code: c, n: i.pageCount ?? 0 }) : '–') },
        ]} />
      {open && (
        <div data-testid="digi-add-items" style={{ marginTop: 12 }}>
          <ErrorNotice error={error} onClose={() => setError(null)} />
          {badLine !== null && <Alert data-testid="digi-bad-line" type="error" showIcon title={t('digiBadLine', { line: badLine })} style={{ marginBottom: 12 }} />}
          {note && <Alert data-testid="digi-items-note" type="success" showIcon title={note} style={{ marginBottom: 12 }} />}
          <DigiItemsInput draft={draft} onChange={setDraft} />
          <Button type="primary" data-testid="digi-add-items-submit" style={{ marginTop: 8 }} disabled={!draft.lines.trim() && !draft.range.trim() && !draft.file.trim()} onClick={() => void add()}>{t('digiAddItems')}</Button>
        </div>
      )}
    </div>
  );
}
