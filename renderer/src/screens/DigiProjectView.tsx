import { Alert, Button, Card, Descriptions, Modal, Space, Tabs, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ErrorDTO, ProjectDetail } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { COLOUR_KEYS, ITEM_STATE_KEYS } from './digiLabels.js';
import { DigiDevicesPanel } from './DigiDevicesPanel.js';
import { DigiItemsPanel } from './DigiItemsPanel.js';
import { DigiOperatorsPanel } from './DigiOperatorsPanel.js';
import { DigiPrecheckPanel } from './DigiPrecheckPanel.js';
import { DigiScanPanel } from './DigiScanPanel.js';
import { DigiSheetPanel } from './DigiSheetPanel.js';

/**
 * One digitization project: its scope, vendor and QC rule, and a tab for each part of the work
 * (items, pre-check, scanning, process sheets, the device register, operators). Closing asks
 * first and says what it does: the vendor operators are disabled.
 */
export function DigiProjectView({ projectId, onBack }: { projectId: number; onBack: () => void }) {
  const { t } = useI18n();
  const [detail, setDetail] = useState<ProjectDetail | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const [closedNote, setClosedNote] = useState<string | null>(null);
  const [tab, setTab] = useState('items');

  const reload = useCallback(async () => {
    try {
      setDetail(await call('digitization:show', { project: projectId }));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, [projectId]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const close = async () => {
    setConfirmClose(false);
    setError(null);
    try {
      const r = await call('digitization:close', { project: projectId });
      setClosedNote(r.disabled.length > 0 ? t('digiClosedDisabled', { names: r.disabled.join('、') }) : t('digiClosed'));
      await reload();
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  const changed = () => void reload();
  const p = detail?.project;
  const open = p?.state === 'open';
  return (
    <Card data-testid="digi-project" data-state={p?.state ?? ''} title={<Space><Button size="small" data-testid="digi-back" onClick={onBack}>{t('digiBack')}</Button>{p?.name ?? t('loading')}
      {p && <Tag data-testid="digi-project-state" color={open ? 'blue' : 'default'}>{t(open ? 'digiStateOpen' : 'digiStateClosed')}</Tag>}</Space>}
      extra={open && <Button danger data-testid="digi-close" onClick={() => setConfirmClose(true)}>{t('digiClose')}</Button>}>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {closedNote && <Alert data-testid="digi-closed" type="success" showIcon title={closedNote} style={{ marginBottom: 12 }} />}
      {p && detail && (
        <>
          <Descriptions data-testid="digi-summary" size="small" column={3} bordered style={{ marginBottom: 12 }} items={[
            { key: 'vendor', label: t('digiColVendor'), children: p.inHouse ? t('digiInHouse') : p.vendor },
            { key: 'site', label: t('digiColSite'), children: p.site || '–' },
            { key: 'contract', label: t('digiContract'), children: p.contractRef || '–' },
            { key: 'rule', label: t('digiColRule'), children: `${t('digiRuleShort', { percent: p.samplePercent, mark: p.passMark, dpi: p.minDpi })} · ${t(COLOUR_KEYS[p.colourMode])}` },
            { key: 'created', label: t('digiColCreated'), children: `${new Date(p.createdAt).toLocaleString()} ${p.createdBy}` },
            { key: 'closed', label: t('digiColClosed'), children: p.closedAt ? `${new Date(p.closedAt).toLocaleString()} ${p.closedBy ?? ''}` : '–' },
            {
              key: 'counts', label: t('digiCounts'), span: 3,
              children: <span data-testid="digi-counts">{Object.entries(detail.counts).filter(([, n]) => n > 0).map(([s, n]) => `${t(ITEM_STATE_KEYS[s as keyof typeof ITEM_STATE_KEYS])} ${n}`).join(' · ')}</span>,
            },
          ]} />
          <Tabs activeKey={tab} onChange={setTab} items={[
            { key: 'items', label: <span data-testid="digi-tab-items">{t('digiTabItems')}</span>, children: <DigiItemsPanel detail={detail} onChanged={changed} /> },
            { key: 'precheck', label: <span data-testid="digi-tab-precheck">{t('digiTabPrecheck')}</span>, children: <DigiPrecheckPanel detail={detail} onChanged={changed} /> },
            { key: 'scan', label: <span data-testid="digi-tab-scan">{t('digiTabScan')}</span>, children: <DigiScanPanel detail={detail} onChanged={changed} /> },
            { key: 'sheet', label: <span data-testid="digi-tab-sheet">{t('digiTabSheet')}</span>, children: <DigiSheetPanel detail={detail} /> },
            { key: 'devices', label: <span data-testid="digi-tab-devices">{t('digiTabDevices')}</span>, children: <DigiDevicesPanel detail={detail} onChanged={changed} /> },
            { key: 'operators', label: <span data-testid="digi-tab-operators">{t('digiTabOperators')}</span>, children: <DigiOperatorsPanel detail={detail} onChanged={changed} /> },
          ]} />
        </>
      )}
      <Modal open={confirmClose} title={t('digiCloseTitle', { name: p?.name ?? '' })} okText={t('digiCloseOk')} cancelText={t('cancel')} okButtonProps={{ danger: true, ...({ 'data-testid': 'digi-close-ok' } as Record<string, string>) }}
        onOk={() => void close()} onCancel={() => setConfirmClose(false)} destroyOnHidden>
        <p data-testid="digi-close-text">{t('digiCloseText')}</p>
        {detail && detail.operators.length > 0 && <p>{t('digiCloseOperators', { names: detail.operators.map((o) => o.displayName || o.username).join('、') })}</p>}
      </Modal>
    </Card>
  );
}
