import { Button, Card, Layout, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';

/** The centred card used by the screens before login. */
export function Frame({ title, children, width = 520, extra }: { title: string; children: ReactNode; width?: number; extra?: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  return (
    <Layout style={{ minHeight: '100vh', background: '#f3efe8' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#8c1d18' }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>{t('appName')}</Typography.Title>
        <Button size="small" data-testid="lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('langSwitch')}</Button>
      </Layout.Header>
      <Layout.Content style={{ display: 'flex', justifyContent: 'center', alignItems: 'flex-start', paddingTop: 48 }}>
        <Card title={title} extra={extra} style={{ width, maxWidth: '94vw' }}>{children}</Card>
      </Layout.Content>
    </Layout>
  );
}
