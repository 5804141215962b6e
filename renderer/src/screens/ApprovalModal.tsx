import { Form, Input } from 'antd';
import type { ApprovalInput } from '../../../electron/contract.js';
import { useI18n } from '../i18n/index.js';
import { CredentialsFields } from './CredentialsFields.js';
import { FormModal } from './FormModal.js';

/**
 * The security officer's approval at the archivist's desk: their own login and the unit key's
 * passphrase, typed by them into this modal and sent with the one call they approve (the main
 * process logs them in for it and out after it; nothing is kept). A refusal (wrong password,
 * not a security officer, the same person) shows here in the engine's words, and they may retry.
 */
export function ApprovalModal({ open, onCancel, onApprove }: { open: boolean; onCancel: () => void; onApprove: (approval: ApprovalInput) => Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ApprovalInput>();
  return (
    <FormModal<ApprovalInput>
      open={open}
      title={t('approvalTitle')}
      okText={t('approvalSubmit')}
      okTestId="approval-submit"
      form={form}
      onSubmit={async (v) => {
        await onApprove(v);
        form.resetFields();
      }}
      onCancel={() => {
        form.resetFields();
        onCancel();
      }}
      intro={t('approvalIntro')}
      maskClosable={false}
      errorTestId="approval-error"
      formTestId="approval-form"
      busyNotice
    >
      <CredentialsFields testIdPrefix="approval" userLabel={t('approvalUser')} passwordLabel={t('approvalPassword')} />
      <Form.Item name="keyPassphrase" label={t('approvalKeyPassphrase')} rules={[{ required: true, message: t('required') }]}>
        <Input.Password data-testid="approval-passphrase" autoComplete="off" />
      </Form.Item>
    </FormModal>
  );
}
