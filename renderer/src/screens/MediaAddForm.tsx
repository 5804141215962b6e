import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useState } from 'react';
import type { ErrorDTO, MediaType, NewMedium } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { MEDIA_TYPE_LIST, mediaTypeName } from './mediaLabels.js';

interface Values {
  type: MediaType;
  site: string;
  label?: string;
  brand?: string;
  batch?: string;
  capacityGb?: number | null;
  expectedLifeYears?: number | null;
  custodian?: string;
  mountPath?: string;
}

/** Registering a medium: the engine checks every field (and refuses a network share) and says which is wrong. */
export function MediaAddForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setError(null);
    setAdded(null);
    setBusy(true);
    const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
    const input: NewMedium = { type: v.type, site: v.site.trim() };
    const label = opt(v.label), brand = opt(v.brand), batch = opt(v.batch), custodian = opt(v.custodian), mountPath = opt(v.mountPath);
    if (label) input.label = label;
    if (brand) input.brand = brand;
    if (batch) input.batch = batch;
    if (custodian) input.custodian = custodian;
    if (mountPath) input.mountPath = mountPath;
    if (v.capacityGb) input.capacityBytes = Math.round(v.capacityGb * 1e9);
    if (v.expectedLifeYears) input.expectedLifeYears = v.expectedLifeYears;
    try {
      const row = await call('media:add', input);
      setAdded(row.id);
      form.resetFields();
      onAdded();
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card type="inner" title={t('mediaAddTitle')} style={{ marginTop: 16 }}>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {added && <Alert data-testid="media-added" type="success" showIcon title={t('mediaAdded', { id: added })} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ type: 'hdd' }}>
        <Row gutter={16}>
          <Col span={4}><Form.Item name="type" label={t('mediaAddType')}><Select data-testid="media-add-type" options={MEDIA_TYPE_LIST.map((x) => ({ value: x, label: mediaTypeName(t, x) }))} /></Form.Item></Col>
          <Col span={5}><Form.Item name="site" label={t('mediaAddSite')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input data-testid="media-add-site" /></Form.Item></Col>
          <Col span={5}><Form.Item name="label" label={t('mediaAddLabel')}><Input data-testid="media-add-label" /></Form.Item></Col>
          <Col span={5}><Form.Item name="brand" label={t('mediaAddBrand')}><Input /></Form.Item></Col>
          <Col span={5}><Form.Item name="batch" label={t('mediaAddBatch')}><Input /></Form.Item></Col>
          <Col span={5}><Form.Item name="capacityGb" label={t('mediaAddCapacity')}><InputNumber data-testid="media-add-capacity" min={0.001} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={4}><Form.Item name="expectedLifeYears" label={t('mediaAddLife')}><InputNumber min={1} max={200} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={5}><Form.Item name="custodian" label={t('mediaAddCustodian')}><Input /></Form.Item></Col>
          <Col span={10}><Form.Item name="mountPath" label={t('mediaAddMount')}><Input data-testid="media-add-mount" style={{ fontFamily: 'monospace' }} /></Form.Item></Col>
        </Row>
        <Button type="primary" htmlType="submit" data-testid="media-add-submit" loading={busy}>{t('mediaAddSubmit')}</Button>
      </Form>
    </Card>
  );
}
