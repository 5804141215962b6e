import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { ApprovalInput, ErrorDTO } from '../../../electron/contract.js';
import { asErrorDTO } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';

/**
 * The security officer's approval at the archivist's desk: their own login and the unit key's
 * passphrase, typed by them into this modal and sent with the one call they approve (the main
 * process logs them in for it and out after it; nothing is kept). A refusal (wrong password,
 * not a security officer, the same person) shows here in the engine's words, and they may retry.
 */
export function ApprovalModal({ open, onCancel, onApprove }: { open: boolean; onCancel: () => void; onApprove: (approval: ApprovalInput) => Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ApprovalInput>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const submit = async (v: ApprovalInput) => {
    setBusy(true);
    setError(null);
    try {
      await onApprove(v);
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
      title={t('approvalTitle')}
      okText={t('approvalSubmit')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'approval-submit' } as Record<string, string>}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        setError(null);
        onCancel();
      }}
      destroyOnHidden
      maskClosable={false}
    >
      <Typography.Paragraph type="secondary">{t('approvalIntro')}</Typography.Paragraph>
      <div data-testid="approval-error">{error && <ErrorNotice error={error} />}</div>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="approval-form">
        <Form.Item name="username" label={t('approvalUser')} rules={[{ required: true, message: t('required') }]}>
          <Input data-testid="approval-username" autoComplete="off" />
        </Form.Item>
        <Form.Item name="password" label={t('approvalPassword')} rules={[{ required: true, message: t('required') }]}>
          <Input.Password data-testid="approval-password" autoComplete="off" />
        </Form.Item>
        <Form.Item name="keyPassphrase" label={t('approvalKeyPassphrase')} rules={[{ required: true, message: t('required') }]}>
          <Input.Password data-testid="approval-passphrase" autoComplete="off" />
        </Form.Item>
      </Form>
      {busy && <Alert type="info" showIcon title={t('loading')} />}
    </Modal>
  );
}
