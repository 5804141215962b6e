import { Card, Tabs, Typography } from 'antd';
import { useI18n } from '../i18n/index.js';
import { AccessRegisterPanel } from './AccessRegisterPanel.js';
import { CheckoutPanel } from './CheckoutPanel.js';
import { StacksPanel } from './StacksPanel.js';

/** The registers (登记簿): 利用登记, 出库/归还 and 封库/启库. Who may write a line is the engine's rule; `can` only hides forms. */
export function RegistersScreen({ can }: { can: (action: string) => boolean }) {
  const { t } = useI18n();
  return (
    <Card title={t('regTitle')}>
      <Typography.Paragraph type="secondary">{t('regIntro')}</Typography.Paragraph>
      <Tabs
        items={[
          ...(can('read_registers') ? [
            { key: 'access', label: <span data-testid="reg-tab-access">{t('regTabAccess')}</span>, children: <AccessRegisterPanel canRegister={can('register_access')} /> },
            { key: 'checkout', label: <span data-testid="reg-tab-checkout">{t('regTabCheckout')}</span>, children: <CheckoutPanel canCheckOut={can('register_checkout')} canReturn={can('register_return')} /> },
          ] : []),
          { key: 'stacks', label: <span data-testid="reg-tab-stacks">{t('regTabStacks')}</span>, children: <StacksPanel canSeal={can('seal_stacks')} /> },
        ]}
      />
    </Card>
  );
}
