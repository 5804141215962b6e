import { Alert } from 'antd';
import type { ErrorDTO } from '../../electron/contract.js';
import { errorText, useI18n } from './i18n/index.js';

/** The engine's message, in the UI language, with the error code for support. */
export function ErrorNotice({ error, onClose }: { error: ErrorDTO | null; onClose?: () => void }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  const denied = error.code === 'ACCESS_DENIED';
  return (
    <Alert
      data-testid="error"
      type={denied ? 'warning' : 'error'}
      showIcon
      title={denied ? t('errorDenied') : t('errorTitle')}
      description={<span data-code={error.code}>{errorText(error, lang)} <small style={{ opacity: 0.6 }}>[{error.code}]</small></span>}
      closable={onClose ? { onClose } : false}
      style={{ marginBottom: 16 }}
    />
  );
}
