import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { I18nProvider, type Lang } from './i18n/index.js';

// antd ships these as CommonJS with a default export; the bundler and the type checker see
// different shapes of the same module.
function localeOf(m: unknown): Locale {
  const v = m as Locale | { default: Locale };
  return 'default' in v ? v.default : v;
}
const zhCN = localeOf(zhCNModule);
const enUS = localeOf(enUSModule);

// System CJK faces first: the app ships no web fonts and loads nothing from outside.
const FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Noto Serif CJK SC", "AR PL UMing CN", sans-serif';

function Root() {
  const [lang, setLang] = useState<Lang>('zh');
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  return (
    <ConfigProvider button={{ autoInsertSpace: false }} locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { fontFamily: FONT, colorPrimary: '#8c1d18', borderRadius: 4 } }}>
      <AntApp>
        <I18nProvider lang={lang} setLang={setLang}>
          <App />
        </I18nProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
