import { Alert, Button, Card, DatePicker, Empty, Input, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState, type ReactNode } from 'react';
import type { SearchHit } from '../../../electron/contract.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { retentionName, useI18n } from '../i18n/index.js';
import type { HitFocus } from './RecordView.js';
import { useLatestSearch } from './useLatestSearch.js';

/** The snippet with the engine's [start, end) ranges wrapped in <mark>. */
function Highlighted({ hit }: { hit: SearchHit }) {
  const parts: ReactNode[] = [];
  let at = 0;
  hit.highlights.forEach(([s, e], i) => {
    if (s > at) parts.push(hit.snippet.slice(at, s));
    parts.push(<mark key={i} data-testid="hit-mark">{hit.snippet.slice(s, e)}</mark>);
    at = e;
  });
  if (at < hit.snippet.length) parts.push(hit.snippet.slice(at));
  return <span>{parts}</span>;
}

export function SearchScreen({ onOpenRecord }: { onOpenRecord: (id: number, focus: HitFocus) => void }) {
  const { t } = useI18n();
  // What the box shows, and what is searched: they differ while an input method composes
  // (pinyin letters are not searched, the characters they become are).
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const composing = useRef(false);
  const [year, setYear] = useState<number | null>(null);
  const [retention, setRetention] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  // Year and retention are filters of the query language (year:2016 retention:Y).
  const q = [query.trim(), year ? `year:${year}` : '', retention ? `retention:${retention}` : ''].filter(Boolean).join(' ');
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const { result, shownQuery, loading, error, clearError, runNow } = useLatestSearch({ query: q, ...(from ? { from } : {}), ...(to ? { to } : {}) });
  const onTyped = (value: string) => {
    setTyped(value);
    if (!composing.current) setQuery(value);
  };

  return (
    <Card title={t('searchTitle')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input.Search data-testid="search-input" size="large" placeholder={t('searchPlaceholder')} enterButton={t('searchButton')} value={typed} loading={loading}
          onChange={(e) => onTyped(e.target.value)}
          onCompositionStart={() => { composing.current = true; }}
          onCompositionEnd={(e) => { composing.current = false; onTyped(e.currentTarget.value); }}
          onSearch={runNow} />
        <Space wrap>
          <span>{t('filterYear')}</span>
          <InputNumber data-testid="search-year" min={1000} max={9999} value={year} onChange={(v) => setYear(v ?? null)} style={{ width: 100 }} />
          <span>{t('filterRetention')}</span>
          <Select value={retention} onChange={setRetention} style={{ width: 110 }} options={[{ value: '', label: t('filterAll') }, ...['Y', 'D30', 'D10'].map((r) => ({ value: r, label: retentionName(t, r) }))]} />
          <span>{t('searchDateRange')}</span>
          <DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} allowEmpty={[true, true]} />
          <Button onClick={runNow}>{t('searchButton')}</Button>
        </Space>
        <ErrorNotice error={error} onClose={clearError} />
        {result && (
          <>
            {result.rebuilding && <Alert type="info" showIcon data-testid="search-rebuilding" title={t('searchRebuilding', result.rebuilding)} />}
            <Typography.Text type="secondary" data-testid="search-summary" data-query={shownQuery}>{t('searchHits', { n: result.total, ms: result.tookMs })}</Typography.Text>
            {result.hits.length === 0 ? (
              <Empty description={t('searchNone')} />
            ) : (
              <List
                data-testid="search-results"
                itemLayout="vertical"
                dataSource={result.hits}
                renderItem={(h) => (
                  <List.Item key={`${h.recordId}-${h.pageNo ?? 0}`} data-testid="search-hit">
                    <List.Item.Meta
                      title={
                        <a data-testid="hit-open" onClick={() => onOpenRecord(h.recordId, { pageNo: h.matchedIn === 'text' ? h.pageNo : null, boxes: h.boxes, marks: h.highlights.map(([s, e]) => h.snippet.slice(s, e)) })}>
                          <Typography.Text code>{h.archivalCode}</Typography.Text> {h.title}
                        </a>
                      }
                      description={
                        <Space size={4}>
                          {h.docDate && <Tag>{h.docDate}</Tag>}
                          {h.pageNo !== null ? <Tag color="blue">{t('searchPage', { n: h.pageNo })}</Tag> : <Tag color="purple">{t('searchCatalogMatch')}</Tag>}
                        </Space>
                      }
                    />
                    <Highlighted hit={h} />
                  </List.Item>
                )}
              />
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
