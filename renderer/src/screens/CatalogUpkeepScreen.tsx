import { Tabs } from 'antd';
import { useI18n } from '../i18n/index.js';
import { CatalogConfirmPanel } from './CatalogConfirmPanel.js';
import { CatalogEditScreen } from './CatalogEditScreen.js';
import { CatalogOutputPanel } from './CatalogOutputPanel.js';

/** 档案整理: editing a record's fields, confirming a batch's 档号, and the catalog's export, printouts and import. */
export function CatalogUpkeepScreen() {
  const { t } = useI18n();
  return (
    <Tabs
      items={[
        { key: 'edit', label: <span data-testid="upkeep-tab-edit">{t('upkeepTabEdit')}</span>, children: <CatalogEditScreen /> },
        { key: 'confirm', label: <span data-testid="upkeep-tab-confirm">{t('upkeepTabConfirm')}</span>, children: <CatalogConfirmPanel /> },
        { key: 'output', label: <span data-testid="upkeep-tab-output">{t('upkeepTabOutput')}</span>, children: <CatalogOutputPanel /> },
      ]}
    />
  );
}
