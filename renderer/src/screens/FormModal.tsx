import { Alert, Form, Modal, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import type { ErrorDTO } from '../../../electron/contract.js';
import { asErrorDTO } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';

interface FormModalProps<V> {
  open: boolean;
  title: ReactNode;
  okText: string;
  /** data-testid of the OK button (the e2e tests press it). */
  okTestId: string;
  form: FormInstance<V>;
  /** Sends the values; a throw shows the engine's words in the modal, which stays open for a retry. */
  onSubmit: (values: V) => Promise<void>;
  /** Closed without sending (the modal has already cleared its error). */
  onCancel: () => void;
  intro?: ReactNode;
  /** false where a click beside the modal must not lose what someone is typing (a login). */
  maskClosable?: boolean;
  errorTestId?: string;
  formTestId?: string;
  /** Shows a "loading" line under the form while the call runs (a slow, scrypt-backed approval). */
  busyNotice?: boolean;
  children: ReactNode;
}

/**
 * A modal holding one form whose OK sends one call: the busy state, the engine's refusal in its
 * own words, and clearing that refusal on cancel are the same for every such dialog, so they live here.
 */
export function FormModal<V>({
  open, title, okText, okTestId, form, onSubmit, onCancel, intro, maskClosable = true, errorTestId, formTestId, busyNotice = false, children,
}: FormModalProps<V>) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const submit = async (v: V) => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(v);
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setBusy(false);
    }
  };

  const notice = <ErrorNotice error={error} />;
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': okTestId } as Record<string, string>}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        onCancel();
      }}
      destroyOnHidden
      maskClosable={maskClosable}
    >
      {intro !== undefined && <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>}
      {errorTestId ? <div data-testid={errorTestId}>{notice}</div> : notice}
      <Form<V> form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid={formTestId}>
        {children}
      </Form>
      {busyNotice && busy && <Alert type="info" showIcon title={t('loading')} />}
    </Modal>
  );
}
