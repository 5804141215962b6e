import { Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { DeviceRow, ErrorDTO } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';

export interface DeviceAction {
  device: DeviceRow;
  /** A use of the device (who, what for), or its end: given back, or wiped. */
  kind: 'use' | 'returned' | 'wiped';
}

/** One entry in a device's register: a use (purpose, holder) or its return or wiping (with a note of how). */
export function DigiDeviceModal({ action, onClose }: { action: DeviceAction | null; onClose: (changed: boolean) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [holder, setHolder] = useState('');
  const [error, setError] = useState<ErrorDTO | null>(null);
  useEffect(() => {
    setText('');
    setHolder(action?.device.holder ?? '');
    setError(null);
  }, [action]);

  const submit = async () => {
    if (!action) return;
    setError(null);
    try {
      if (action.kind === 'use') await call('digitization:useDevice', { deviceId: action.device.id, purpose: text.trim(), ...(holder.trim() ? { holder: holder.trim() } : {}) });
      else await call('digitization:endDevice', { deviceId: action.device.id, state: action.kind, note: text.trim() });
      onClose(true);
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  const title = !action ? '' : t(action.kind === 'use' ? 'digiDeviceUseTitle' : action.kind === 'returned' ? 'digiDeviceReturnTitle' : 'digiDeviceWipeTitle', { label: action.device.label });
  return (
    <Modal open={action !== null} title={title} okText={t('ok')} cancelText={t('cancel')} onOk={() => void submit()} onCancel={() => onClose(false)} destroyOnHidden
      okButtonProps={{ disabled: action?.kind === 'use' && !text.trim(), ...({ 'data-testid': 'digi-device-submit' } as Record<string, string>) }}>
      <ErrorNotice error={error} />
      {action?.kind === 'use' && (
        <>
          <Typography.Text>{t('digiColHolder')}</Typography.Text>
          <Input data-testid="digi-device-use-holder" value={holder} maxLength={100} onChange={(e) => setHolder(e.target.value)} style={{ marginBottom: 8 }} />
        </>
      )}
      <Typography.Text>{t(action?.kind === 'use' ? 'digiDevicePurpose' : 'digiDeviceEndNote')}</Typography.Text>
      <Input.TextArea data-testid="digi-device-text" rows={2} value={text} maxLength={1000} onChange={(e) => setText(e.target.value)} />
    </Modal>
  );
}
