import { Button, Divider, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ErrorDTO, StatusDTO } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { Frame } from './Frame.js';
import { RestoreWizard } from './RestoreWizard.js';

export function VaultScreen({ onStatus }: { onStatus: (s: StatusDTO) => void }) {
  const { t } = useI18n();
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDTO | null>(null);
  // On a fresh PC the vault comes back from backup media: the restore wizard starts here.
  const [restoring, setRestoring] = useState(false);
  const [restoreRunning, setRestoreRunning] = useState(false);

  const run = async (channel: 'vault:open' | 'vault:create') => {
    setBusy(true);
    setError(null);
    try {
      onStatus(await call(channel, { path: path.trim() }));
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setBusy(false);
    }
  };
  const browse = async () => {
    try {
      const [p] = await call('dialog:choosePaths', { kind: 'vault' });
      if (p) setPath(p);
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  if (restoring) {
    return (
      <Frame title={t('restoreTitle')} width={760} extra={<Button size="small" data-testid="restore-leave" disabled={restoreRunning} onClick={() => setRestoring(false)}>{t('restoreLeave')}</Button>}>
        <RestoreWizard onOpened={onStatus} onRunning={setRestoreRunning} />
      </Frame>
    );
  }
  return (
    <Frame title={t('vaultTitle')} width={640}>
      <Typography.Paragraph type="secondary">{t('vaultIntro')}</Typography.Paragraph>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      <Form layout="vertical" onFinish={() => void run('vault:open')}>
        <Form.Item label={t('vaultPath')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Input data-testid="vault-path" value={path} placeholder={t('vaultPathPlaceholder')} onChange={(e) => setPath(e.target.value)} />
            <Button onClick={() => void browse()}>{t('vaultBrowse')}</Button>
          </Space.Compact>
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="vault-open" loading={busy} disabled={!path.trim()}>{t('vaultOpen')}</Button>
          <Popconfirm title={t('vaultCreateConfirmTitle')} description={t('vaultCreateConfirm', { path })} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void run('vault:create')}>
            <Button data-testid="vault-create" disabled={!path.trim() || busy}>{t('vaultCreate')}</Button>
          </Popconfirm>
        </Space>
      </Form>
      <Divider />
      <Button type="link" data-testid="vault-restore" onClick={() => setRestoring(true)}>{t('restoreOpenWizard')}</Button>
    </Frame>
  );
}
