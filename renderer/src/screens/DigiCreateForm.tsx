import { Alert, Button, Card, Checkbox, Col, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ColourRule, CreateProjectRequest, ErrorDTO } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { COLOUR_KEYS, COLOUR_RULES } from './digiLabels.js';
import { DigiItemsInput, itemsSpecOf, type ItemsDraft } from './DigiItemsInput.js';

/**
 * A new digitization project: name, vendor (or in-house), site, contract, the QC rule (sample
 * size and pass mark in percent, minimum dpi, colour mode; empty = the vault's defaults) and
 * its first items. The engine checks every field and names the wrong one.
 */
export function DigiCreateForm({ onCreated, onCancel }: { onCreated: (id: number) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [inHouse, setInHouse] = useState(false);
  const [vendor, setVendor] = useState('');
  const [site, setSite] = useState('');
  const [contractRef, setContractRef] = useState('');
  const [samplePercent, setSamplePercent] = useState<number | null>(null);
  const [passMark, setPassMark] = useState<number | null>(null);
  const [minDpi, setMinDpi] = useState<number | null>(null);
  const [colourMode, setColourMode] = useState<ColourRule | undefined>(undefined);
  const [items, setItems] = useState<ItemsDraft>({ lines: '', range: '', file: '' });
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [badLine, setBadLine] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setError(null);
    const spec = itemsSpecOf(items);
    setBadLine(spec.badLine);
    if (spec.badLine !== null) return;
    const opt = (s: string) => (s.trim() ? s.trim() : undefined);
    const req: CreateProjectRequest = { name: name.trim(), ...spec.spec };
    if (inHouse) req.inHouse = true;
    const v = opt(vendor), s = opt(site), c = opt(contractRef);
    if (v) req.vendor = v;
    if (s) req.site = s;
    if (c) req.contractRef = c;
    if (samplePercent !== null) req.samplePercent = samplePercent;
    if (passMark !== null) req.passMark = passMark;
    if (minDpi !== null) req.minDpi = minDpi;
    if (colourMode) req.colourMode = colourMode;
    setBusy(true);
    try {
      const d = await call('digitization:create', req);
      onCreated(d.project.id);
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card type="inner" title={t('digiNewTitle')} data-testid="digi-create" style={{ marginBottom: 16 }}>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {badLine !== null && <Alert data-testid="digi-bad-line" type="error" showIcon title={t('digiBadLine', { line: badLine })} style={{ marginBottom: 12 }} />}
      <Row gutter={12}>
        <Col span={8}><Typography.Text>{t('digiName')}</Typography.Text><Input data-testid="digi-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} /></Col>
        <Col span={8}>
          <Typography.Text>{t('digiVendor')}</Typography.Text>
          <Input data-testid="digi-vendor" value={vendor} disabled={inHouse} maxLength={200} onChange={(e) => setVendor(e.target.value)} />
          <Checkbox data-testid="digi-inhouse" checked={inHouse} onChange={(e) => setInHouse(e.target.checked)}>{t('digiInHouse')}</Checkbox>
        </Col>
        <Col span={4}><Typography.Text>{t('digiSite')}</Typography.Text><Input data-testid="digi-site" value={site} maxLength={200} onChange={(e) => setSite(e.target.value)} /></Col>
        <Col span={4}><Typography.Text>{t('digiContract')}</Typography.Text><Input data-testid="digi-contract" value={contractRef} maxLength={200} onChange={(e) => setContractRef(e.target.value)} /></Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 4 }}>{t('digiRuleHint')}</Typography.Paragraph>
      <Space wrap>
        <span>{t('digiSamplePercent')}</span>
        <InputNumber data-testid="digi-sample" min={0.1} max={100} value={samplePercent} onChange={setSamplePercent} />
        <span>{t('digiPassMark')}</span>
        <InputNumber data-testid="digi-passmark" min={1} max={100} value={passMark} onChange={setPassMark} />
        <span>{t('digiMinDpi')}</span>
        <InputNumber data-testid="digi-dpi" min={50} max={2400} value={minDpi} onChange={setMinDpi} />
        <Select<ColourRule> data-testid="digi-colour" placeholder={t('digiColourMode')} allowClear style={{ width: 160 }} value={colourMode} onChange={setColourMode}
          options={COLOUR_RULES.map((c) => ({ value: c, label: t(COLOUR_KEYS[c]) }))} />
      </Space>
      <DigiItemsInput draft={items} onChange={setItems} />
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" data-testid="digi-create-submit" loading={busy} disabled={!name.trim()} onClick={() => void submit()}>{t('digiCreate')}</Button>
        <Button onClick={onCancel}>{t('cancel')}</Button>
      </Space>
    </Card>
  );
}
