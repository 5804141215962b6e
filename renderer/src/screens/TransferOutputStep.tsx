import { Alert, Button, Col, Form, Input, Popconfirm, Progress, Radio, Row, Select, Space, Typography, type FormInstance } from 'antd';
import type { JobProgress } from '../../../electron/contract.js';
import { useI18n } from '../i18n/index.js';
import { CARRIER_NAMES, CARRIERS, OUTPUT_DEFAULTS, type OutputValues } from './transferOutput.js';
import { sizeText } from './useJobProgress.js';

interface Props {
  form: FormInstance<OutputValues>;
  writing: boolean;
  cancelled: boolean;
  progress: JobProgress | null;
  onBack: () => void;
  /** The form is complete: ask for the security officer's approval. */
  onSubmit: () => void;
  onCancel: () => void;
}

/** Where and how the package is written (folder, ZIP, split across carriers), with progress and cancel. */
export function TransferOutputStep({ form, writing, cancelled, progress, onBack, onSubmit, onCancel }: Props) {
  const { t } = useI18n();
  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  const carrierOptions = [
    { value: 'none', label: t('transferCarrierNone') },
    ...CARRIER_NAMES.map((c) => ({ value: c, label: t('transferCarrierOption', { name: c, size: sizeText(CARRIERS[c]) }) })),
  ];
  return (
    <div>
      <Form form={form} layout="vertical" initialValues={OUTPUT_DEFAULTS} disabled={writing} onFinish={onSubmit}>
        <Row gutter={16}>
          <Col span={12}><Form.Item name="output" label={t('transferOutput')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input data-testid="transfer-output" style={{ fontFamily: 'monospace' }} /></Form.Item></Col>
          <Col span={6}>
            <Form.Item name="kind" label={t('transferKind')}>
              <Radio.Group data-testid="transfer-kind" options={[{ value: 'folder', label: t('transferKindFolder') }, { value: 'zip', label: t('transferKindZip') }]} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="carrier" label={t('transferCarrier')} extra={t('transferCarrierHint')}>
              <Select data-testid="transfer-carrier" options={carrierOptions} />
            </Form.Item>
          </Col>
          <Col span={12}><Form.Item name="toUnit" label={t('transferToUnit')}><Input data-testid="transfer-to-unit" /></Form.Item></Col>
          <Col span={12}><Form.Item name="transferName" label={t('transferName')}><Input /></Form.Item></Col>
        </Row>
      </Form>
      <Space style={{ marginBottom: 16 }}>
        <Button onClick={onBack} disabled={writing}>{t('transferBack')}</Button>
        <Button type="primary" data-testid="transfer-export" loading={writing} onClick={() => form.submit()}>{t('transferExport')}</Button>
        <Popconfirm title={t('transferCancelConfirm')} okText={t('ok')} cancelText={t('cancel')} onConfirm={onCancel}>
          <Button danger data-testid="transfer-cancel" disabled={!writing}>{t('transferCancel')}</Button>
        </Popconfirm>
      </Space>
      {writing && (
        <div data-testid="transfer-progress" style={{ marginBottom: 16 }}>
          <Typography.Text>{t('transferWriting', { done: progress?.done ?? 0, total: progress?.total ?? '…' })}</Typography.Text>
          <Progress percent={pct} status="active" />
          {progress?.message && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{progress.message}</Typography.Text>}
        </div>
      )}
      {cancelled && <Alert data-testid="transfer-cancelled" type="info" showIcon title={t('transferCancelled')} style={{ marginBottom: 16 }} />}
    </div>
  );
}
