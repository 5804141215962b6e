import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { ErrorDTO, SecondPersonInput } from '../../../electron/contract.js';
import { asErrorDTO } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';

/**
 * The second person at a two-person step (封库/启库): they type their own login here; it goes
 * with the one call and is not kept. A refusal shows in the engine's words, and they may retry.
 */
export function SecondPersonModal({ open, title, onCancel, onConfirm }: { open: boolean; title: string; onCancel: () => void; onConfirm: (second: SecondPersonInput) => Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<SecondPersonInput>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const submit = async (v: SecondPersonInput) => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm(v);
      form.resetFields();
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={t('secondConfirm')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'second-submit' } as Record<string, string>}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        setError(null);
        onCancel();
      }}
      destroyOnHidden
      maskClosable={false}
    >
      <Typography.Paragraph type="secondary">{t('secondIntro')}</Typography.Paragraph>
      <ErrorNotice error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="username" label={t('secondUser')} rules={[{ required: true, message: t('required') }]}><Input data-testid="second-username" autoComplete="off" /></Form.Item>
        <Form.Item name="password" label={t('secondPassword')} rules={[{ required: true, message: t('required') }]}><Input.Password data-testid="second-password" autoComplete="off" /></Form.Item>
      </Form>
    </Modal>
  );
}
