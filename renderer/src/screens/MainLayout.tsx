import { AuditOutlined, BookOutlined, KeyOutlined, SettingOutlined, CheckSquareOutlined, CloudServerOutlined, DatabaseOutlined, EditOutlined, FileSearchOutlined, ImportOutlined, InboxOutlined, SafetyOutlined, SearchOutlined, SendOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Popconfirm, Space, Tag, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import type { StatusDTO } from '../../../electron/contract.js';
import { call } from '../bridge.js';
import { roleName, useI18n, type MessageKey } from '../i18n/index.js';
import { AccountsScreen } from './AccountsScreen.js';
import { AppraisalScreen } from './AppraisalScreen.js';
import { AuditScreen } from './AuditScreen.js';
import { CatalogUpkeepScreen } from './CatalogUpkeepScreen.js';
import { CatalogScreen } from './CatalogScreen.js';
import { DeclassifyScreen } from './DeclassifyScreen.js';
import { IngestScreen } from './IngestScreen.js';
import { MediaScreen } from './MediaScreen.js';
import { OcrStatus } from './OcrStatus.js';
import { ReceivingScreen } from './ReceivingScreen.js';
import { RegistersScreen } from './RegistersScreen.js';
import { ReviewsScreen } from './ReviewsScreen.js';
import { SearchScreen } from './SearchScreen.js';
import { SettingsScreen } from './SettingsScreen.js';
import { TransferScreen } from './TransferScreen.js';

type View = 'catalog' | 'search' | 'ingest' | 'audit' | 'accounts' | 'transfer' | 'receiving' | 'media' | 'catalogEdit' | 'declassify' | 'appraisal' | 'appraisalApprove' | 'registers' | 'reviews' | 'settings';

// A menu item shows when the session's roles allow its action (any of them; the engine still checks every call).
const ITEMS: { view: View; label: MessageKey; action: string | string[]; icon: ReactNode }[] = [
  { view: 'catalog', label: 'menuCatalog', action: 'view_catalog', icon: <DatabaseOutlined /> },
  { view: 'search', label: 'menuSearch', action: 'search', icon: <SearchOutlined /> },
  { view: 'ingest', label: 'menuIngest', action: 'ingest', icon: <ImportOutlined /> },
  { view: 'transfer', label: 'menuTransfer', action: 'export_transfer', icon: <SendOutlined /> },
  { view: 'receiving', label: 'menuReceiving', action: 'ingest', icon: <InboxOutlined /> },
  { view: 'media', label: 'menuMedia', action: 'manage_media', icon: <CloudServerOutlined /> },
  { view: 'catalogEdit', label: 'menuCatalogEdit', action: 'edit_record', icon: <EditOutlined /> },
  { view: 'declassify', label: 'menuDeclassify', action: 'review_classification', icon: <SafetyOutlined /> },
  { view: 'appraisal', label: 'menuAppraisal', action: 'appraise', icon: <FileSearchOutlined /> },
  { view: 'appraisalApprove', label: 'menuAppraisalApprove', action: 'approve_appraisal', icon: <CheckSquareOutlined /> },
  { view: 'reviews', label: 'menuReviews', action: 'approve_access', icon: <KeyOutlined /> },
  // The backup officer may seal and unseal stack rooms without reading the other registers.
  { view: 'registers', label: 'menuRegisters', action: ['read_registers', 'seal_stacks'], icon: <BookOutlined /> },
  { view: 'audit', label: 'menuAudit', action: 'read_audit', icon: <AuditOutlined /> },
  { view: 'accounts', label: 'menuAccounts', action: 'view_accounts', icon: <TeamOutlined /> },
  { view: 'settings', label: 'menuSettings', action: 'change_settings', icon: <SettingOutlined /> },
];

export function MainLayout({ status, onStatus }: { status: StatusDTO; onStatus: (s: StatusDTO) => void }) {
  const { t, lang, setLang } = useI18n();
  const can = (action: string) => status.permissions?.actions.includes(action as never) ?? false;
  const allowed = ITEMS.filter((i) => (Array.isArray(i.action) ? i.action.some(can) : can(i.action)));
  const [view, setView] = useState<View | null>(allowed[0]?.view ?? null);
  const [openRecord, setOpenRecord] = useState<number | null>(null);
  useEffect(() => {
    if (view && !allowed.some((i) => i.view === view)) setView(allowed[0]?.view ?? null);
  }, [allowed, view]);

  const logout = async () => onStatus(await call('auth:logout', undefined));
  const s = status.session!;
  const show = (v: View, record: number | null = null) => {
    setView(v);
    setOpenRecord(record);
  };

  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#8c1d18', paddingInline: 20 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>{t('appName')}</Typography.Title>
        <Typography.Text style={{ color: '#f5d7c8', flex: 1 }} ellipsis>{t('vaultLabel')}：{status.vault?.root}</Typography.Text>
        <Space>
          <OcrStatus />
          <span data-testid="current-user" style={{ color: '#fff' }}>
            {s.displayName || s.username} {s.roles.map((r) => <Tag key={r} color="gold" style={{ marginInlineStart: 4 }}>{roleName(t, r)}</Tag>)}
          </span>
          <Button size="small" data-testid="lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('langSwitch')}</Button>
          <Popconfirm title={t('logoutConfirm')} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void logout()}>
            <Button size="small" data-testid="logout">{t('logout')}</Button>
          </Popconfirm>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light" style={{ borderInlineEnd: '1px solid #eee' }}>
          <Menu
            data-testid="main-menu"
            mode="inline"
            selectedKeys={view ? [view] : []}
            onClick={(e) => show(e.key as View)}
            items={allowed.map((i) => ({ key: i.view, icon: i.icon, label: <span data-testid={`menu-${i.view}`}>{t(i.label)}</span> }))}
            style={{ height: '100%', borderInlineEnd: 0, paddingTop: 8 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 20, overflow: 'auto', background: '#fafafa' }}>
          {view === 'catalog' && <CatalogScreen openRecord={openRecord} onOpenRecord={setOpenRecord} canClearHold={status.permissions?.actions.includes('clear_classified_hold') ?? false} />}
          {view === 'search' && <SearchScreen onOpenRecord={(id) => show('catalog', id)} />}
          {view === 'ingest' && <IngestScreen />}
          {view === 'audit' && <AuditScreen />}
          {view === 'accounts' && <AccountsScreen />}
          {view === 'transfer' && <TransferScreen />}
          {view === 'receiving' && <ReceivingScreen />}
          {view === 'media' && <MediaScreen />}
          {view === 'catalogEdit' && <CatalogUpkeepScreen />}
          {view === 'declassify' && <DeclassifyScreen />}
          {view === 'appraisal' && <AppraisalScreen approver={false} />}
          {view === 'appraisalApprove' && <AppraisalScreen approver />}
          {view === 'registers' && <RegistersScreen can={can} />}
          {view === 'reviews' && <ReviewsScreen />}
          {view === 'settings' && <SettingsScreen />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
