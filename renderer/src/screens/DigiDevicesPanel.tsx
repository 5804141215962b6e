import { Alert, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { DeviceKind, DeviceRow, NewDevice, ProjectDetail } from '../../../electron/contract.js';
import { call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { DEVICE_KIND_KEYS, DEVICE_KINDS, DEVICE_STATE_KEYS } from './digiLabels.js';
import { DigiDeviceModal, type DeviceAction } from './DigiDeviceModal.js';
import { useNotedAction } from './useNotedAction.js';

/**
 * The register of every device and removable medium at the scanning site: who holds it, each
 * use, and its return or wiping at the end (the project cannot close while one is out).
 */
export function DigiDevicesPanel({ detail, onChanged }: { detail: ProjectDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<DeviceKind>('scanner');
  const [label, setLabel] = useState('');
  const [serial, setSerial] = useState('');
  const [holder, setHolder] = useState('');
  const [description, setDescription] = useState('');
  const [action, setAction] = useState<DeviceAction | null>(null);
  const { note: added, error, setError, run } = useNotedAction();

  const add = () => run(async () => {
    const device: NewDevice = { kind, label: label.trim(), holder: holder.trim() };
    if (serial.trim()) device.serial = serial.trim();
    if (description.trim()) device.description = description.trim();
    const d = await call('digitization:addDevice', { project: detail.project.id, device });
    setLabel('');
    setSerial('');
    setDescription('');
    onChanged();
    return t('digiDeviceAdded', { label: d.label });
  });

  const open = detail.project.state === 'open';
  return (
    <div>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {added && <Alert data-testid="digi-device-added" type="success" showIcon title={added} style={{ marginBottom: 12 }} />}
      <Table<DeviceRow> data-testid="digi-devices" size="small" rowKey="id" pagination={false} dataSource={detail.devices} locale={{ emptyText: t('digiNoDevices') }}
        columns={[
          { title: t('digiColKind'), dataIndex: 'kind', width: 100, render: (k: DeviceKind) => t(DEVICE_KIND_KEYS[k]) },
          { title: t('digiColLabel'), dataIndex: 'label', width: 140 },
          { title: t('digiColSerial'), dataIndex: 'serial', width: 140, render: (v: string) => v || '–' },
          { title: t('digiColHolder'), dataIndex: 'holder', width: 120 },
          { title: t('digiColUses'), dataIndex: 'uses', render: (u: DeviceRow['uses']) => (u.length === 0 ? '–' : u.map((x) => `${new Date(x.at).toLocaleString()} ${x.holder}：${x.purpose}`).join('；')) },
          { title: t('digiColDeviceState'), dataIndex: 'state', width: 90, render: (s: DeviceRow['state'], d) => <Tag data-testid={`digi-device-state-${d.label}`} color={s === 'in_use' ? 'orange' : 'green'}>{t(DEVICE_STATE_KEYS[s])}</Tag> },
          {
            title: t('mediaColActions'), width: 220,
            render: (_: unknown, d) => open && d.state === 'in_use' && (
              <Space size={4}>
                <Button size="small" data-testid={`digi-device-use-${d.label}`} onClick={() => setAction({ device: d, kind: 'use' })}>{t('digiDeviceUse')}</Button>
                <Button size="small" data-testid={`digi-device-return-${d.label}`} onClick={() => setAction({ device: d, kind: 'returned' })}>{t('digiDeviceReturn')}</Button>
                <Button size="small" data-testid={`digi-device-wipe-${d.label}`} onClick={() => setAction({ device: d, kind: 'wiped' })}>{t('digiDeviceWipe')}</Button>
              </Space>
            ),
          },
        ]} />
      {open && (
        <Card type="inner" size="small" title={t('digiDeviceAddTitle')} style={{ marginTop: 12 }}>
          <Space wrap>
            <Select<DeviceKind> data-testid="digi-device-kind" value={kind} onChange={setKind} style={{ width: 140 }} options={DEVICE_KINDS.map((k) => ({ value: k, label: t(DEVICE_KIND_KEYS[k]) }))} />
            <Input data-testid="digi-device-label" placeholder={t('digiColLabel')} value={label} maxLength={100} style={{ width: 160 }} onChange={(e) => setLabel(e.target.value)} />
            <Input data-testid="digi-device-serial" placeholder={t('digiColSerial')} value={serial} maxLength={200} style={{ width: 160 }} onChange={(e) => setSerial(e.target.value)} />
            <Input data-testid="digi-device-holder" placeholder={t('digiColHolder')} value={holder} maxLength={100} style={{ width: 140 }} onChange={(e) => setHolder(e.target.value)} />
            <Input placeholder={t('digiDeviceDescription')} value={description} maxLength={1000} style={{ width: 220 }} onChange={(e) => setDescription(e.target.value)} />
            <Button type="primary" data-testid="digi-device-add" disabled={!label.trim() || !holder.trim()} onClick={() => void add()}>{t('digiDeviceAdd')}</Button>
          </Space>
        </Card>
      )}
      <DigiDeviceModal action={action} onClose={(changed) => {
        setAction(null);
        if (changed) onChanged();
      }} />
    </div>
  );
}
