import { Button, Col, Divider, Form, Input, Row, Typography } from 'antd';
import { useState } from 'react';
import type { ErrorDTO, StatusDTO } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { Frame } from './Frame.js';

const PEOPLE: { key: 'sysadmin' | 'securityOfficer' | 'auditor'; label: MessageKey }[] = [
  { key: 'sysadmin', label: 'roleSysadmin' },
  { key: 'securityOfficer', label: 'roleSecurityOfficer' },
  { key: 'auditor', label: 'roleAuditor' },
];

type Values = Record<string, string>;

/** First run: the three administrator accounts (三员), each with its own password. */
export function SetupScreen({ onStatus }: { status: StatusDTO; onStatus: (s: StatusDTO) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const person = (k: string) => ({ username: v[`${k}.username`] ?? '', displayName: v[`${k}.displayName`] ?? '', password: v[`${k}.password`] ?? '' });
    try {
      onStatus(await call('auth:setup', { sysadmin: person('sysadmin'), securityOfficer: person('securityOfficer'), auditor: person('auditor') }));
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Frame title={t('setupTitle')} width={980}>
      <Typography.Paragraph type="secondary">{t('setupIntro')}</Typography.Paragraph>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="setup-form">
        <Row gutter={24}>
          {PEOPLE.map((p) => (
            <Col span={8} key={p.key}>
              <Divider titlePlacement="start">{t(p.label)}</Divider>
              <Form.Item name={`${p.key}.username`} label={t('username')} rules={[{ required: true, message: t('required') }]}>
                <Input data-testid={`setup-${p.key}-username`} autoComplete="off" />
              </Form.Item>
              <Form.Item name={`${p.key}.displayName`} label={t('displayName')}>
                <Input data-testid={`setup-${p.key}-name`} autoComplete="off" />
              </Form.Item>
              <Form.Item name={`${p.key}.password`} label={t('password')} rules={[{ required: true, message: t('required') }]}>
                <Input.Password data-testid={`setup-${p.key}-password`} autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                name={`${p.key}.password2`}
                label={t('passwordAgain')}
                dependencies={[`${p.key}.password`]}
                rules={[
                  { required: true, message: t('required') },
                  ({ getFieldValue }) => ({
                    validator: (_r, value) => (value === getFieldValue(`${p.key}.password`) ? Promise.resolve() : Promise.reject(new Error(t('passwordMismatch')))),
                  }),
                ]}
              >
                <Input.Password data-testid={`setup-${p.key}-password2`} autoComplete="new-password" />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="setup-submit">{t('setupSubmit')}</Button>
      </Form>
    </Frame>
  );
}
