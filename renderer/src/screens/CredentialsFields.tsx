import { Form, Input } from 'antd';
import { useI18n } from '../i18n/index.js';

/**
 * The user-name and password a second person types into a dialog (an approval, a two-person
 * step): form fields `username` and `password`, test ids `${testIdPrefix}-username` and
 * `${testIdPrefix}-password`. Nothing is remembered by the browser (autoComplete off).
 */
export function CredentialsFields({ testIdPrefix, userLabel, passwordLabel }: { testIdPrefix: string; userLabel: string; passwordLabel: string }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="username" label={userLabel} rules={[{ required: true, message: t('required') }]}>
        <Input data-testid={`${testIdPrefix}-username`} autoComplete="off" />
      </Form.Item>
      <Form.Item name="password" label={passwordLabel} rules={[{ required: true, message: t('required') }]}>
        <Input.Password data-testid={`${testIdPrefix}-password`} autoComplete="off" />
      </Form.Item>
    </>
  );
}
