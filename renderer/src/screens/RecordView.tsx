import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Input, Popconfirm, Row, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ErrorDTO, RecordDetailDTO, StoredSuggestion } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { retentionName, useI18n, type MessageKey } from '../i18n/index.js';
import { ClassificationCell } from './labels.js';

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
    <div onClick={onClick} data-testid={`thumb-${n}`} style={{ cursor: 'pointer', padding: 4, marginBottom: 8, border: selected ? '2px solid #8c1d18' : '2px solid transparent', background: '#fff', textAlign: 'center' }}>
      {src ? <img src={src} alt={t('pageN', { n })} style={{ width: '100%', display: 'block' }} /> : <Spin size="small" />}
      <div style={{ fontSize: 12, color: '#666' }}>{t('pageN', { n })}</div>
    </div>
  );
}

/** canClearHold only shows the release button; the engine decides every call. */
export function RecordView({ id, onBack, canClearHold }: { id: number; onBack: () => void; canClearHold: boolean }) {
  const { t, lang } = useI18n();
  const [detail, setDetail] = useState<RecordDetailDTO | null>(null);
  const [page, setPage] = useState(0);
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
  const text = detail.texts.find((x) => x.pageNo === detail.pages[page]?.pageNo);
  return (
    <Card title={<Space>{back}<span data-testid="record-title">{t('recordTitle', { code: r.archivalCode })}</span></Space>}>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {r.classifiedHold && (
        <Alert
          type="warning"
          showIcon
          data-testid="hold-alert"
          style={{ marginBottom: 16 }}
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
      <Descriptions
        size="small"
        bordered
        column={3}
        style={{ marginBottom: 16 }}
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
      <Row gutter={16}>
        <Col flex="120px" style={{ maxHeight: '70vh', overflow: 'auto' }}>
          {detail.pages.map((p, i) => <Thumb key={p.id} sha={p.imageSha256} n={p.pageNo} selected={i === page} onClick={() => setPage(i)} />)}
        </Col>
        <Col flex="auto" style={{ textAlign: 'center', background: '#e8e4dc', padding: 12, maxHeight: '70vh', overflow: 'auto' }}>
          {image ? <img data-testid="page-image" src={image} alt={t('pageImage')} style={{ maxWidth: '100%', boxShadow: '0 2px 8px rgba(0,0,0,.25)', background: '#fff' }} /> : <Spin style={{ marginTop: 64 }} />}
        </Col>
        <Col flex="380px">
          <Tabs
            items={[
              {
                key: 'text',
                label: t('ocrText'),
                children: text ? <Typography.Paragraph data-testid="ocr-text" style={{ whiteSpace: 'pre-wrap', maxHeight: '60vh', overflow: 'auto' }}>{text.text}</Typography.Paragraph> : <Empty description={t('ocrNone')} />,
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
        </Col>
      </Row>
    </Card>
  );
}
