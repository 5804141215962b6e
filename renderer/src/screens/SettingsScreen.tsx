import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { AuthSettings, CatalogSettings, ErrorDTO } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { retentionName, useI18n, type MessageKey } from '../i18n/index.js';

const AUTH_FIELDS: { key: keyof AuthSettings; label: MessageKey }[] = [
  { key: 'minPasswordLength', label: 'setMinPasswordLength' },
  { key: 'maxFailures', label: 'setMaxFailures' },
  { key: 'lockMinutes', label: 'setLockMinutes' },
  { key: 'failureDelaySeconds', label: 'setFailureDelay' },
  { key: 'idleLockMinutes', label: 'setIdleLock' },
  { key: 'maxGrantDays', label: 'setMaxGrantDays' },
];

/** Only what changed, so the audit row shows one decision, not a rewrite of everything. */
function changed<T extends object>(before: T, after: T): Partial<T> {
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => v !== undefined && v !== null && v !== before[k as keyof T])) as Partial<T>;
}

/**
 * The sysadmin's settings (系统设置): sign-in and session rules, and the catalog defaults a new
 * record's 档号 takes plus the appraisal settings. The engine checks each value and says which
 * is wrong; every change is audited with before and after.
 */
export function SettingsScreen() {
  const { t } = useI18n();
  const [authForm] = Form.useForm<AuthSettings>();
  const [catalogForm] = Form.useForm<CatalogSettings>();
  const [current, setCurrent] = useState<{ auth: AuthSettings; catalog: CatalogSettings } | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const s = await call('settings:get', undefined);
      setCurrent(s);
      authForm.setFieldsValue(s.auth);
      catalogForm.setFieldsValue(s.catalog);
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, [authForm, catalogForm]);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async (which: 'auth' | 'catalog') => {
    if (!current) return;
    setError(null);
    setSaved(null);
    try {
      if (which === 'auth') await call('settings:setAuth', changed(current.auth, authForm.getFieldsValue()));
      else await call('settings:setCatalog', changed(current.catalog, catalogForm.getFieldsValue()));
      setSaved(t(which === 'auth' ? 'setAuthSaved' : 'setCatalogSaved'));
      await load();
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  return (
    <Card title={t('setTitle')}>
      <Typography.Paragraph type="secondary">{t('setIntro')}</Typography.Paragraph>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {saved && <Alert data-testid="settings-saved" type="success" showIcon title={saved} style={{ marginBottom: 16 }} />}
      <Card type="inner" title={t('setAuthTitle')} style={{ marginBottom: 16 }}>
        <Form form={authForm} layout="vertical" onFinish={() => void save('auth')}>
          <Row gutter={16}>
            {AUTH_FIELDS.map((f) => (
              <Col span={8} key={f.key}><Form.Item name={f.key} label={t(f.label)}><InputNumber data-testid={`set-${f.key}`} min={0} style={{ width: '100%' }} /></Form.Item></Col>
            ))}
          </Row>
          <Button type="primary" htmlType="submit" data-testid="settings-save-auth">{t('setSave')}</Button>
        </Form>
      </Card>
      <Card type="inner" title={t('setCatalogTitle')}>
        <Form form={catalogForm} layout="vertical" onFinish={() => void save('catalog')}>
          <Row gutter={16}>
            <Col span={6}><Form.Item name="defaultFonds" label={t('setDefaultFonds')}><Input data-testid="set-defaultFonds" /></Form.Item></Col>
            <Col span={6}><Form.Item name="defaultCategory" label={t('setDefaultCategory')}><Input data-testid="set-defaultCategory" /></Form.Item></Col>
            <Col span={6}><Form.Item name="defaultOrg" label={t('setDefaultOrg')}><Input data-testid="set-defaultOrg" /></Form.Item></Col>
            <Col span={6}>
              <Form.Item name="defaultRetention" label={t('setDefaultRetention')}>
                <Select options={['Y', 'D30', 'D10'].map((r) => ({ value: r, label: retentionName(t, r) }))} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="codeStyle" label={t('setCodeStyle')}>
                <Select options={[{ value: 'dash', label: t('setCodeStyleDash') }, { value: 'dot', label: t('setCodeStyleDot') }]} />
              </Form.Item>
            </Col>
            <Col span={6}><Form.Item name="itemDigits" label={t('setItemDigits')}><InputNumber min={3} max={5} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={6}><Form.Item name="openReviewYears" label={t('setOpenReviewYears')}><InputNumber data-testid="set-openReviewYears" min={1} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={6}><Form.Item name="minDeciders" label={t('setMinDeciders')}><InputNumber data-testid="set-minDeciders" min={1} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
          <Button type="primary" htmlType="submit" data-testid="settings-save-catalog">{t('setSave')}</Button>
        </Form>
      </Card>
    </Card>
  );
}
