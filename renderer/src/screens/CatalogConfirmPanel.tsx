import { Alert, Button, Col, Form, Input, InputNumber, Popconfirm, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { CatalogSelection, ConfirmPreview, ErrorDTO, PlanEntry } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { linesOf } from './registerText.js';

interface Values {
  year?: number | null;
  categoryCode?: string;
  codes?: string;
}

function selectionOf(v: Values): CatalogSelection {
  const codes = linesOf(v.codes);
  return {
    ...(v.year ? { year: v.year } : {}),
    ...(v.categoryCode?.trim() ? { categoryCode: v.categoryCode.trim().toUpperCase() } : {}),
    ...(codes.length ? { codes } : {}),
  };
}

/**
 * 档号确认: a batch's provisional 档号 previewed (with any provisional neighbour that moves), then
 * fixed on confirmation. A fixed 档号 is never renumbered silently afterwards (the engine's rule).
 */
export function CatalogConfirmPanel() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [preview, setPreview] = useState<{ selection: CatalogSelection; plan: ConfirmPreview } | null>(null);
  const [fixed, setFixed] = useState<number | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const run = async (v: Values) => {
    setError(null);
    setFixed(null);
    setPreview(null);
    const selection = selectionOf(v);
    try {
      setPreview({ selection, plan: await call('catalog:preview', selection) });
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  const confirm = async () => {
    if (!preview) return;
    setError(null);
    try {
      const r = await call('catalog:confirm', preview.selection);
      setFixed(r.fixed);
      setPreview(null);
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  const oldCode = (id: number) => preview?.plan.changes.find((c) => c.id === id)?.oldCode;
  const neighbours = preview ? preview.plan.changes.filter((c) => !preview.plan.batch.some((b) => b.id === c.id)) : [];
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('confirmIntro')}</Typography.Paragraph>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {fixed !== null && <Alert data-testid="confirm-done" type="success" showIcon title={t('confirmDone', { count: fixed })} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void run(v)}>
        <Row gutter={16}>
          <Col span={4}><Form.Item name="year" label={t('transferYear')}><InputNumber data-testid="confirm-year" min={1000} max={9999} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={4}><Form.Item name="categoryCode" label={t('transferCategory')}><Input data-testid="confirm-category" /></Form.Item></Col>
          <Col span={16}><Form.Item name="codes" label={t('transferCodes')}><Input.TextArea data-testid="confirm-codes" rows={2} style={{ fontFamily: 'monospace' }} /></Form.Item></Col>
        </Row>
        <Button htmlType="submit" data-testid="confirm-preview">{t('confirmPreview')}</Button>
      </Form>
      {preview && (
        <div style={{ marginTop: 16 }}>
          {preview.plan.batch.length === 0
            ? <Alert data-testid="confirm-empty" type="info" showIcon title={t('confirmEmpty')} />
            : (
              <>
                <Table<{ id: number; archivalCode: string }>
                  data-testid="confirm-batch"
                  size="small"
                  rowKey="id"
                  pagination={{ pageSize: 50 }}
                  dataSource={preview.plan.batch}
                  columns={[
                    { title: t('confirmOld'), render: (_: unknown, b) => oldCode(b.id) ?? b.archivalCode },
                    { title: t('confirmNew'), dataIndex: 'archivalCode', render: (c: string, b) => <Space>{c}{oldCode(b.id) === undefined && <Tag>{t('confirmUnchanged')}</Tag>}</Space> },
                  ]}
                />
                {neighbours.length > 0 && (
                  <>
                    <Typography.Text type="warning">{t('confirmNeighbours', { count: neighbours.length })}</Typography.Text>
                    <Table<PlanEntry> size="small" rowKey="id" pagination={false} dataSource={neighbours} columns={[{ title: t('confirmOld'), dataIndex: 'oldCode' }, { title: t('confirmNew'), dataIndex: 'newCode' }]} />
                  </>
                )}
                <Popconfirm title={t('confirmConfirm', { count: preview.plan.batch.length })} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void confirm()}>
                  <Button type="primary" data-testid="confirm-fix" style={{ marginTop: 16 }}>{t('confirmFix', { count: preview.plan.batch.length })}</Button>
                </Popconfirm>
              </>
            )}
        </div>
      )}
    </div>
  );
}
