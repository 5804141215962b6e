import { Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { ErrorDTO, StatusDTO } from '../../../electron/contract.js';
import { asErrorDTO, call, sessionUnlocked } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';

/**
 * Covers the screen while the session is locked after idling: the screen stays mounted behind
 * it (what was typed, found or opened is still there after unlocking). Only the session's own
 * password unlocks it; logging out is the other way on.
 */
export function UnlockModal({ status, onStatus }: { status: StatusDTO; onStatus: (s: StatusDTO) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const submit = async (v: { password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const next = await call('auth:unlock', { password: v.password });
      form.resetFields();
      onStatus(next);
      // The calls the lock held up now go through: the screen carries on where it was.
      sessionUnlocked(true);
    } catch (e) {
      setError(asErrorDTO(e));
      form.resetFields();
    } finally {
      setBusy(false);
    }
  };
  const logout = async () => {
    sessionUnlocked(false);
    onStatus(await call('auth:logout', undefined));
  };

  return (
    <Modal
      open
      title={t('unlockTitle')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      data-testid="unlock-dialog"
      footer={[
        <Button key="logout" onClick={() => void logout()} data-testid="unlock-logout">{t('logout')}</Button>,
        <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()} data-testid="unlock-submit">{t('unlockSubmit')}</Button>,
      ]}
    >
      <div data-testid="unlock-form">
        <Typography.Paragraph type="secondary">{t('unlockIntro', { name: status.session?.displayName || status.session?.username || '' })}</Typography.Paragraph>
        <ErrorNotice error={error} onClose={() => setError(null)} />
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('required') }]}>
            <Input.Password data-testid="unlock-password" autoComplete="current-password" autoFocus />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
