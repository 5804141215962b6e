import { AuditOutlined, BookOutlined, CameraOutlined, ScanOutlined, CheckSquareOutlined, CloudServerOutlined, DashboardOutlined, DatabaseOutlined, EditOutlined, FileSearchOutlined, ImportOutlined, InboxOutlined, KeyOutlined, SafetyOutlined, SearchOutlined, SendOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Popconfirm, Space, Tag, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import type { StatusDTO } from '../../../electron/contract.js';
import { call } from '../bridge.js';
import { roleName, useI18n, type MessageKey } from '../i18n/index.js';
import { usePersisted } from '../persisted.js';
import { AccountsScreen } from './AccountsScreen.js';
import { AppraisalScreen } from './AppraisalScreen.js';
import { AuditScreen } from './AuditScreen.js';
import { CatalogUpkeepScreen } from './CatalogUpkeepScreen.js';
import { CatalogScreen } from './CatalogScreen.js';
import { DashboardScreen } from './DashboardScreen.js';
import { DeclassifyScreen } from './DeclassifyScreen.js';
import { DigitizationScreen } from './DigitizationScreen.js';
import { IngestScreen } from './IngestScreen.js';
import { JobsPanel } from './JobsPanel.js';
import { MediaScreen } from './MediaScreen.js';
import { OcrStatus } from './OcrStatus.js';
import { QcReviewScreen } from './QcReviewScreen.js';
import { ReceivingScreen } from './ReceivingScreen.js';
import type { HitFocus } from './RecordView.js';
import { RegistersScreen } from './RegistersScreen.js';
import { ReviewsScreen } from './ReviewsScreen.js';
import { SearchScreen } from './SearchScreen.js';
import { SettingsScreen } from './SettingsScreen.js';
import { TransferScreen } from './TransferScreen.js';

type View = 'dashboard' | 'catalog' | 'search' | 'ingest' | 'audit' | 'accounts' | 'transfer' | 'receiving' | 'digitization' | 'qcReview' | 'media' | 'catalogEdit' | 'declassify' | 'appraisal' | 'appraisalApprove' | 'registers' | 'reviews' | 'settings';

// A menu item shows when the session's roles allow its action (any of them; the engine still
// checks every call). The dashboard comes first for the roles with a part on it (the engine
// returns the parts each role may see; the system administrator and the auditor have none).
const DASHBOARD_ACTIONS = ['view_catalog', 'ocr', 'rebuild_index', 'verify_media', 'export_transfer', 'view_jobs'];
const ITEMS: { view: View; label: MessageKey; action: string | string[]; icon: ReactNode }[] = [
  { view: 'dashboard', label: 'menuDashboard', action: DASHBOARD_ACTIONS, icon: <DashboardOutlined /> },
  { view: 'catalog', label: 'menuCatalog', action: 'view_catalog', icon: <DatabaseOutlined /> },
  { view: 'search', label: 'menuSearch', action: 'search', icon: <SearchOutlined /> },
  { view: 'ingest', label: 'menuIngest', action: 'ingest', icon: <ImportOutlined /> },
  { view: 'transfer', label: 'menuTransfer', action: 'export_transfer', icon: <SendOutlined /> },
  { view: 'receiving', label: 'menuReceiving', action: 'ingest', icon: <InboxOutlined /> },
  // The archive room manages projects; a vendor operator works on their own open ones.
  { view: 'digitization', label: 'menuDigitization', action: ['manage_digitization', 'digitize'], icon: <ScanOutlined /> },
  { view: 'qcReview', label: 'menuQcReview', action: 'accept_qc', icon: <CameraOutlined /> },
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
  const can = (a: string) => status.permissions?.actions.includes(a as never) ?? false;
  const allowed = ITEMS.filter((i) => (Array.isArray(i.action) ? i.action.some(can) : can(i.action)));
  // Kept across a reload of the window within one login: the screen, its record, the jobs panel.
  const scope = `${status.session?.username ?? ''}@${status.session?.startedAt ?? ''}`;
  const [view, setView] = usePersisted<View | null>(scope, 'view', allowed[0]?.view ?? null);
  const [openRecord, setOpenRecord] = usePersisted<number | null>(scope, 'openRecord', null);
  const [jobsOpen, setJobsOpen] = usePersisted(scope, 'jobsPanelOpen', false);
  // The search hit a record was opened from (its page and marks); none when opened from the catalog.
  const [focus, setFocus] = usePersisted<HitFocus | null>(scope, 'focus', null);
  useEffect(() => {
    if (view && !allowed.some((i) => i.view === view)) setView(allowed[0]?.view ?? null);
  }, [allowed, view]);

  const logout = async () => onStatus(await call('auth:logout', undefined));
  const s = status.session!;
  const show = (v: View, record: number | null = null, hit: HitFocus | null = null) => {
    setView(v);
    setOpenRecord(record);
    setFocus(hit);
  };

  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#8c1d18', paddingInline: 20 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>{t('appName')}</Typography.Title>
        <Typography.Text style={{ color: '#f5d7c8', flex: 1 }} ellipsis>{t('vaultLabel')}：{status.vault?.root}</Typography.Text>
        <Space>
          <OcrStatus />
          {status.permissions?.actions.includes('view_jobs' as never) && <JobsPanel open={jobsOpen} setOpen={setJobsOpen} />}
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
          {view === 'dashboard' && <DashboardScreen onOpenJobs={() => setJobsOpen(true)} />}
          {view === 'catalog' && <CatalogScreen openRecord={openRecord} focus={focus} onOpenRecord={(id) => { setOpenRecord(id); setFocus(null); }} canClearHold={status.permissions?.actions.includes('clear_classified_hold') ?? false} />}
          {view === 'search' && <SearchScreen onOpenRecord={(id, hit) => show('catalog', id, hit)} />}
          {view === 'ingest' && <IngestScreen />}
          {view === 'audit' && <AuditScreen />}
          {view === 'accounts' && <AccountsScreen />}
          {view === 'transfer' && <TransferScreen />}
          {view === 'receiving' && <ReceivingScreen />}
          {view === 'digitization' && <DigitizationScreen />}
          {view === 'qcReview' && <QcReviewScreen />}
          {view === 'media' && <MediaScreen onStatus={onStatus} />}
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
