import { Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { ErrorDTO, StatusDTO } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { Frame } from './Frame.js';

export function LoginScreen({ status, onStatus }: { status: StatusDTO; onStatus: (s: StatusDTO) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      onStatus(await call('auth:login', { username: v.username ?? '', password: v.password ?? '' }));
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setBusy(false);
    }
  };
  const closeVault = async () => onStatus(await call('vault:close', undefined));

  return (
    <Frame title={t('loginTitle')} width={420} extra={<Button type="link" size="small" onClick={() => void closeVault()}>{t('vaultClose')}</Button>}>
      <Typography.Paragraph type="secondary" ellipsis>{t('vaultLabel')}：{status.vault?.root}</Typography.Paragraph>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      <Form layout="vertical" onFinish={(v: { username: string; password: string }) => void submit(v)} data-testid="login-form">
        <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('required') }]}>
          <Input data-testid="login-username" autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('required') }]}>
          <Input.Password data-testid="login-password" autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">{t('loginSubmit')}</Button>
      </Form>
    </Frame>
  );
}
