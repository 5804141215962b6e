import { Form } from 'antd';
import type { SecondPersonInput } from '../../../electron/contract.js';
import { useI18n } from '../i18n/index.js';
import { CredentialsFields } from './CredentialsFields.js';
import { FormModal } from './FormModal.js';

/**
 * The second person at a two-person step (封库/启库): they type their own login here; it goes
 * with the one call and is not kept. A refusal shows in the engine's words, and they may retry.
 */
export function SecondPersonModal({ open, title, onCancel, onConfirm }: { open: boolean; title: string; onCancel: () => void; onConfirm: (second: SecondPersonInput) => Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<SecondPersonInput>();
  return (
    <FormModal<SecondPersonInput>
      open={open}
      title={title}
      okText={t('secondConfirm')}
      okTestId="second-submit"
      form={form}
      onSubmit={async (v) => {
        await onConfirm(v);
        form.resetFields();
      }}
      onCancel={() => {
        form.resetFields();
        onCancel();
      }}
      intro={t('secondIntro')}
      maskClosable={false}
    >
      <CredentialsFields testIdPrefix="second" userLabel={t('secondUser')} passwordLabel={t('secondPassword')} />
    </FormModal>
  );
}
