import { Alert, Button, Col, Form, Input, Radio, Row, Select } from 'antd';
import { useState } from 'react';
import type { Classification, ErrorDTO, RecordReviewRequest } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { classificationName, useI18n } from '../i18n/index.js';

const LEVELS: Classification[] = ['public', 'internal', 'secret', 'confidential', 'top_secret'];

interface Values {
  archivalCode: string;
  kind: 'classification' | 'access';
  classification?: Classification;
  period?: string;
  status?: 'open' | 'restricted';
  basis: string;
}

/** 密级与开放审查: the security officer sets one record's classification or access status, with the basis (audited). */
export function RecordReviewPanel() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'classification';
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setError(null);
    setDone(null);
    setBusy(true);
    const base = { archivalCode: v.archivalCode.trim(), basis: v.basis.trim() };
    const request: RecordReviewRequest = v.kind === 'classification'
      ? { ...base, kind: 'classification', classification: v.classification ?? 'internal', period: (v.period ?? '').trim() }
      : { ...base, kind: 'access', status: v.status ?? 'restricted' };
    try {
      await call('review:record', request);
      setDone(request.kind === 'classification'
        ? t('reviewClassDone', { code: request.archivalCode, classification: classificationName(t, request.classification), period: request.period || '-' })
        : t('reviewAccessDone', { code: request.archivalCode, status: t(request.status === 'open' ? 'reviewOpen' : 'reviewRestricted') }));
      form.resetFields(['archivalCode', 'basis']);
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {done && <Alert data-testid="review-done" type="success" showIcon title={done} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'classification', classification: 'internal', status: 'restricted' }} onFinish={(v) => void submit(v)}>
        <Row gutter={16}>
          <Col span={8}><Form.Item name="archivalCode" label={t('reviewCode')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input data-testid="review-code" style={{ fontFamily: 'monospace' }} /></Form.Item></Col>
          <Col span={8}>
            <Form.Item name="kind" label={t('reviewKind')}>
              <Radio.Group data-testid="review-kind" options={[{ value: 'classification', label: t('reviewKindClass') }, { value: 'access', label: t('reviewKindAccess') }]} />
            </Form.Item>
          </Col>
          {kind === 'classification' ? (
            <>
              <Col span={4}><Form.Item name="classification" label={t('reviewLevel')}><Select data-testid="review-level" options={LEVELS.map((c) => ({ value: c, label: classificationName(t, c) }))} /></Form.Item></Col>
              <Col span={4}><Form.Item name="period" label={t('reviewPeriod')}><Input data-testid="review-period" /></Form.Item></Col>
            </>
          ) : (
            <Col span={8}>
              <Form.Item name="status" label={t('reviewStatus')}>
                <Radio.Group data-testid="review-status" options={[{ value: 'open', label: t('reviewOpen') }, { value: 'restricted', label: t('reviewRestricted') }]} />
              </Form.Item>
            </Col>
          )}
          <Col span={24}><Form.Item name="basis" label={t('reviewBasis')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input data-testid="review-basis" /></Form.Item></Col>
        </Row>
        <Button type="primary" htmlType="submit" data-testid="review-submit" loading={busy}>{t('reviewSubmit')}</Button>
      </Form>
    </>
  );
}
