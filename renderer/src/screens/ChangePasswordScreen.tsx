import { Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { ErrorDTO, StatusDTO } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { Frame } from './Frame.js';

type Values = { oldPassword: string; newPassword: string; newPassword2: string };

export function ChangePasswordScreen({ onStatus }: { status: StatusDTO; onStatus: (s: StatusDTO) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      onStatus(await call('auth:changePassword', { oldPassword: v.oldPassword, newPassword: v.newPassword }));
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setBusy(false);
    }
  };
  const logout = async () => onStatus(await call('auth:logout', undefined));

  return (
    <Frame title={t('changePasswordTitle')} width={420} extra={<Button type="link" size="small" onClick={() => void logout()}>{t('logout')}</Button>}>
      <Typography.Paragraph type="secondary">{t('changePasswordIntro')}</Typography.Paragraph>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      <Form layout="vertical" onFinish={(v: Values) => void submit(v)}>
        <Form.Item name="oldPassword" label={t('oldPassword')} rules={[{ required: true, message: t('required') }]}>
          <Input.Password data-testid="cp-old" autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('newPassword')} rules={[{ required: true, message: t('required') }]}>
          <Input.Password data-testid="cp-new" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="newPassword2"
          label={t('passwordAgain')}
          dependencies={['newPassword']}
          rules={[{ required: true, message: t('required') }, ({ getFieldValue }) => ({ validator: (_r, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('passwordMismatch')))) })]}
        >
          <Input.Password data-testid="cp-new2" autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="cp-submit">{t('changePasswordSubmit')}</Button>
      </Form>
    </Frame>
  );
}
