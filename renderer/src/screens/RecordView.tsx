import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Descriptions, Empty, Input, Popconfirm, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ErrorDTO, RecordDetailDTO, StoredSuggestion } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { retentionName, useI18n, type MessageKey } from '../i18n/index.js';
import { ClassificationCell } from './labels.js';
import { PageViewer, type HitBox } from './PageViewer.js';

const FIELD_KEYS: Record<string, MessageKey> = { docDate: 'fieldDocDate', docNumber: 'fieldDocNumber', title: 'fieldTitle', creator: 'fieldCreator', classification: 'fieldClassification' };
const STATUS_KEYS: Record<string, MessageKey> = { pending: 'statusPending', accepted: 'statusAccepted', rejected: 'statusRejected' };

function Thumb({ sha, selected, n, onClick }: { sha: string; selected: boolean; n: number; onClick: () => void }) {
  const { t } = useI18n();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('records:pageImage', { imageSha256: sha, kind: 'thumb' }).then((s) => live && setSrc(s), () => undefined);
    return () => {
      live = false;
    };
  }, [sha]);
  return (
    <div
      role="button"
      tabIndex={0}
      aria-current={selected}
      onClick={onClick}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onClick()}
      data-testid={`thumb-${n}`}
      style={{ cursor: 'pointer', padding: 3, marginBottom: 6, border: selected ? '2px solid #8c1d18' : '2px solid transparent', background: '#fff', textAlign: 'center' }}
    >
      {src ? <img src={src} alt={t('pageN', { n })} style={{ width: '100%', display: 'block' }} /> : <Spin size="small" />}
      <div style={{ fontSize: 12, color: '#666' }}>{t('pageN', { n })}</div>
    </div>
  );
}

/** Where a search hit was (opened from the results): its page, its boxes, the words it marked. */
export interface HitFocus {
  pageNo: number | null;
  boxes: HitBox[];
  marks: string[];
}

/** The page's OCR text with every occurrence of the hit's words marked (the first scrolled to). */
function MarkedText({ text, marks }: { text: string; marks: string[] }) {
  const first = useRef<HTMLElement>(null);
  useEffect(() => {
    // A block, not an arrow expression: newer Chromium returns a promise from scrollIntoView,
    // and React would take it for the effect's cleanup.
    first.current?.scrollIntoView({ block: 'center' });
  }, [text, marks]);
  const words = [...new Set(marks.filter((m) => m.trim() !== ''))].sort((a, b) => b.length - a.length);
  if (words.length === 0) return <>{text}</>;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts: ReactNode[] = [];
  let at = 0;
  let n = 0;
  for (const m of text.matchAll(new RegExp(escaped.join('|'), 'giu'))) {
    if (m.index > at) parts.push(text.slice(at, m.index));
    parts.push(<mark key={m.index} data-testid="text-hit" ref={n++ === 0 ? first : undefined}>{m[0]}</mark>);
    at = m.index + m[0].length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/**
 * One record at 1366×768 without scrolling the window: a thumbnail strip, the page (zoom, fit,
 * rotate) and its OCR text side by side, the catalog fields folded above. Opened from a search
 * hit it starts on the hit's page with the hit marked on the image and in the text.
 * canClearHold only shows the release button; the engine decides every call.
 */
export function RecordView({ id, onBack, canClearHold, focus = null }: { id: number; onBack: () => void; canClearHold: boolean; focus?: HitFocus | null }) {
  const { t, lang } = useI18n();
  const [detail, setDetail] = useState<RecordDetailDTO | null>(null);
  const [page, setPage] = useState(0);
  const [fieldsOpen, setFieldsOpen] = useState(false);
  const [image, setImage] = useState<string | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setDetail(await call('records:get', { id }));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  // Opened from a hit: start on its page.
  const focusPage = focus?.pageNo ?? null;
  const pageCount = detail?.pages.length ?? 0;
  useEffect(() => {
    if (!detail || focusPage === null) return;
    const i = detail.pages.findIndex((p) => p.pageNo === focusPage);
    if (i >= 0) setPage(i);
    // Only when the record (or the hit) changes, not on every reload of the record.
  }, [detail?.record.id, focusPage]);

  const sha = detail?.pages[page]?.imageSha256;
  useEffect(() => {
    if (!sha) return;
    let live = true;
    setImage(null);
    call('records:pageImage', { imageSha256: sha, kind: 'normalized' }).then((s) => live && setImage(s), (e: unknown) => live && setError(asErrorDTO(e)));
    return () => {
      live = false;
    };
  }, [sha]);

  const [basis, setBasis] = useState('');
  const clearHold = async () => {
    try {
      await call('review:clearHold', { recordId: id, basis });
      setBasis('');
      await load();
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  const decide = async (s: StoredSuggestion, how: 'suggestions:accept' | 'suggestions:reject') => {
    try {
      await call(how, { recordId: id, suggestionId: s.id });
      await load();
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  const back = <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="record-back">{t('close')}</Button>;
  if (!detail) {
    return (
      <Card title={back}>
        <ErrorNotice error={error} />
        {!error && <Spin />}
      </Card>
    );
  }
  const r = detail.record;
  const pageNo = detail.pages[page]?.pageNo;
  const text = detail.texts.find((x) => x.pageNo === pageNo);
  const onHitPage = focus !== null && focus.pageNo !== null && focus.pageNo === pageNo;
  const go = (i: number) => setPage(Math.max(0, Math.min(pageCount - 1, i)));
  return (
    <Card
      size="small"
      styles={{ body: { padding: 12 } }}
      title={<Space>{back}<span data-testid="record-title">{t('recordTitle', { code: r.archivalCode })}</span><Typography.Text type="secondary" ellipsis style={{ maxWidth: 520 }}>{r.title}</Typography.Text></Space>}
    >
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {r.classifiedHold && (
        <Alert
          type="warning"
          showIcon
          data-testid="hold-alert"
          style={{ marginBottom: 8 }}
          title={t('holdAlert')}
          action={canClearHold && (
            <Space>
              <Input data-testid="hold-basis" placeholder={t('holdBasis')} value={basis} onChange={(e) => setBasis(e.target.value)} style={{ width: 280 }} />
              <Popconfirm title={t('holdClearConfirm')} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void clearHold()} disabled={basis.trim() === ''}>
                <Button data-testid="hold-clear" danger disabled={basis.trim() === ''}>{t('holdClear')}</Button>
              </Popconfirm>
            </Space>
          )}
        />
      )}
      <Collapse
        size="small"
        style={{ marginBottom: 8 }}
        activeKey={fieldsOpen ? ['fields'] : []}
        onChange={(k) => setFieldsOpen(k.length > 0)}
        data-testid="record-fields"
        items={[{
          key: 'fields',
          label: <span data-testid="record-fields-toggle">{t('recordFields')}</span>,
          children: (
            <Descriptions
              size="small"
              bordered
              column={3}
              items={[
                { key: 'code', label: t('colArchivalCode'), children: r.archivalCode },
                { key: 'title', label: t('colTitle'), children: r.title, span: 2 },
                { key: 'year', label: t('colYear'), children: r.year },
                { key: 'ret', label: t('colRetention'), children: retentionName(t, r.retention) },
                { key: 'cls', label: t('colClassification'), children: <ClassificationCell t={t} record={r} /> },
                { key: 'date', label: t('colDocDate'), children: r.docDate ?? '—' },
                { key: 'docno', label: t('colDocNumber'), children: r.docNumber || '—' },
                { key: 'pages', label: t('colPages'), children: r.pageCount },
              ]}
            />
          ),
        }]}
      />
      <div data-testid="record-body" style={{ display: 'flex', gap: 12, height: 'calc(100vh - 236px)', minHeight: 360 }}>
        <div data-testid="thumb-strip" style={{ width: 92, flex: 'none', overflowY: 'auto' }}>
          {detail.pages.map((p, i) => <Thumb key={p.id} sha={p.imageSha256} n={p.pageNo} selected={i === page} onClick={() => setPage(i)} />)}
        </div>
        <div style={{ flex: 1, minWidth: 0 }}>
          <PageViewer src={image} boxes={onHitPage ? focus.boxes : []} onPrev={() => go(page - 1)} onNext={() => go(page + 1)} />
        </div>
        <div data-testid="record-side" style={{ width: 340, flex: 'none', minHeight: 0, display: 'flex', flexDirection: 'column' }}>
          <Tabs
            items={[
              {
                key: 'text',
                label: t('ocrText'),
                children: text ? (
                  <Typography.Paragraph data-testid="ocr-text" style={{ whiteSpace: 'pre-wrap', height: 'calc(100vh - 300px)', minHeight: 300, overflow: 'auto', margin: 0 }}>
                    <MarkedText text={text.text} marks={onHitPage ? focus.marks : []} />
                  </Typography.Paragraph>
                ) : <Empty description={t('ocrNone')} />,
              },
              {
                key: 'suggestions',
                label: t('suggestions'),
                children: (
                  <Table<StoredSuggestion>
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={detail.suggestions}
                    locale={{ emptyText: t('suggestionsNone') }}
                    columns={[
                      { title: t('suggestionField'), dataIndex: 'field', render: (f: string) => t(FIELD_KEYS[f] ?? 'suggestionField') },
                      { title: t('suggestionValue'), dataIndex: 'value', render: (v: string, s) => <Typography.Text title={s.evidence}>{v}</Typography.Text> },
                      { title: t('suggestionStatus'), dataIndex: 'status', render: (v: string) => <Tag>{t(STATUS_KEYS[v] ?? 'suggestionStatus')}</Tag> },
                      {
                        title: '',
                        key: 'act',
                        render: (_v, s) =>
                          s.status === 'pending' && detail.canEdit ? (
                            <Space size={4}>
                              <Button size="small" type="primary" onClick={() => void decide(s, 'suggestions:accept')}>{t('accept')}</Button>
                              <Popconfirm title={t('rejectConfirm')} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void decide(s, 'suggestions:reject')}>
                                <Button size="small" danger>{t('reject')}</Button>
                              </Popconfirm>
                            </Space>
                          ) : null,
                      },
                    ]}
                  />
                ),
              },
              {
                key: 'masters',
                label: t('masters'),
                children: (
                  <div>
                    {detail.masters.map((m) => (
                      <Typography.Paragraph key={m.seq} style={{ fontSize: 12 }}>
                        <b>{m.originalName}</b> · {m.format} · {m.pageCount}p<br />
                        <Typography.Text type="secondary" copyable style={{ fontSize: 11 }}>SHA-256 {m.sha256}</Typography.Text>
                      </Typography.Paragraph>
                    ))}
                    {detail.warnings.map((w, i) => <Tag key={i} color="orange">{w.message[lang]}</Tag>)}
                  </div>
                ),
              },
            ]}
          />
        </div>
      </div>
    </Card>
  );
}
