import { Alert, Button, Card, Col, Input, Popconfirm, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ErrorDTO, ProjectDetail, ScanResult } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { useJobProgress } from './useJobProgress.js';

/**
 * Scanning in: a folder of one item's page images (or one file) on this computer, with the
 * scanning device and software, ingested by the engine as that item's record (an ingest job);
 * the process sheet and the per-image process metadata are written as it goes. Only items
 * that passed the pre-check are offered.
 */
export function DigiScanPanel({ detail, onChanged }: { detail: ProjectDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const ready = detail.items.filter((i) => i.state === 'ready');
  const [code, setCode] = useState<string | undefined>(undefined);
  const [folder, setFolder] = useState('');
  const [deviceId, setDeviceId] = useState('');
  const [software, setSoftware] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ScanResult | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);
  // The scan is an ingest job the panel follows, so that it can be cancelled.
  const job = useJobProgress(['ingest']);

  // The host's folder dialog (none in a plain browser: the path is typed instead).
  const browse = async () => {
    const chosen = await call('dialog:choosePaths', { kind: 'folder' }).catch(() => []);
    if (chosen[0]) setFolder(chosen[0]);
  };

  const scan = async () => {
    if (!code) return;
    setError(null);
    setDone(null);
    setBusy(true);
    try {
      const request = { project: detail.project.id, items: [{ code, path: folder.trim() }], deviceId: deviceId.trim(), ...(software.trim() ? { software: software.trim() } : {}) };
      const r = await job.follow(() => call('digitization:scan', request));
      setDone(r);
      setCode(undefined);
      setFolder('');
      onChanged();
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setBusy(false);
    }
  };

  const devices = detail.devices.filter((d) => d.state === 'in_use' && (d.kind === 'scanner' || d.kind === 'camera'));
  if (detail.project.state !== 'open') return <Alert type="info" title={t('digiClosedReadOnly')} />;
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('digiScanIntro')}</Typography.Paragraph>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {busy && (
        <Alert data-testid="digi-scan-busy" type="info" showIcon style={{ marginBottom: 12 }}
          title={t('digiScanBusy')}
          action={(
            <Popconfirm title={t('digiScanCancelConfirm')} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void job.cancel()}>
              <Button size="small" danger data-testid="digi-scan-cancel">{t('digiScanCancel')}</Button>
            </Popconfirm>
          )} />
      )}
      {done && done.items.map((i) => (
        <Alert key={i.code} data-testid="digi-scan-done" type="success" showIcon style={{ marginBottom: 12 }}
          title={t(i.alreadyIngested ? 'digiScanAlready' : 'digiScanDone', { code: i.code, record: i.recordCode, pages: i.pages, warnings: i.warnings })} />
      ))}
      <Card type="inner" size="small">
        <Row gutter={12}>
          <Col span={8}>
            <Select data-testid="digi-scan-item" placeholder={t('digiChooseItem')} value={code} onChange={setCode} style={{ width: '100%' }} showSearch
              options={ready.map((i) => ({ value: i.archivalCode, label: `${i.archivalCode} ${i.title}` }))} notFoundContent={t('digiNoReadyItems')} />
          </Col>
          <Col span={16}>
            <Space.Compact style={{ width: '100%' }}>
              <Input data-testid="digi-scan-path" placeholder={t('digiScanPath')} value={folder} style={{ fontFamily: 'monospace' }} onChange={(e) => setFolder(e.target.value)} />
              <Button onClick={() => void browse()}>{t('vaultBrowse')}</Button>
            </Space.Compact>
          </Col>
        </Row>
        <Row gutter={12} style={{ marginTop: 8 }}>
          <Col span={8}>
            <Input data-testid="digi-scan-device" placeholder={t('digiScanDevice')} value={deviceId} maxLength={100} onChange={(e) => setDeviceId(e.target.value)} />
            {devices.map((d) => <Tag key={d.id} style={{ cursor: 'pointer', marginTop: 4 }} onClick={() => setDeviceId(d.label)}>{d.label}</Tag>)}
          </Col>
          <Col span={8}><Input data-testid="digi-scan-software" placeholder={t('digiScanSoftware')} value={software} maxLength={200} onChange={(e) => setSoftware(e.target.value)} /></Col>
          <Col span={8}>
            <Button type="primary" data-testid="digi-scan-run" loading={busy} disabled={!code || !folder.trim() || !deviceId.trim()} onClick={() => void scan()}>{t('digiScanRun')}</Button>
          </Col>
        </Row>
      </Card>
    </div>
  );
}
