import { Alert, Button, Input, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import type { DecideRequest, SampleResult } from '../../../electron/contract.js';
import { useI18n } from '../i18n/index.js';
import { rateText } from './qcLabels.js';

/** The running sample result against the pass mark, and accept / return once every page is judged. */
export function QcDecision({ result, canDecide, onDecide }: { result: SampleResult; canDecide: boolean; onDecide: (decision: 'accept' | 'return', signatories: DecideRequest) => Promise<void> }) {
  const { t } = useI18n();
  const [archive, setArchive] = useState('');
  const [vendor, setVendor] = useState('');
  // The confirmation is held open by this state, not by antd alone: the decision disables its
  // button in the same commit, and an uncontrolled popover whose trigger changed could stay up.
  const [confirming, setConfirming] = useState(false);
  const confirmProps = (decision: 'accept' | 'return') => ({
    open: confirming && canDecide,
    onOpenChange: (v: boolean) => setConfirming(v),
    onConfirm: () => {
      setConfirming(false);
      void onDecide(decision, signatories());
    },
    okText: t('ok'),
    cancelText: t('cancel'),
  });
  const signatories = (): DecideRequest => ({ ...(archive.trim() ? { archiveSignatory: archive.trim() } : {}), ...(vendor.trim() ? { vendorSignatory: vendor.trim() } : {}) });
  const verdict = result.verdict === 'pass' ? <Tag color="green">{t('qcVerdictPass')}</Tag> : result.verdict === 'fail' ? <Tag color="red">{t('qcVerdictFail')}</Tag> : <Tag>{t('qcVerdictPending')}</Tag>;
  return (
    <div style={{ marginBottom: 12 }}>
      <Alert data-testid="qc-result" data-verdict={result.verdict} type={result.verdict === 'fail' ? 'error' : result.verdict === 'pass' ? 'success' : 'info'} showIcon
        title={<span>{t('qcResult', { judged: result.judged, size: result.size, failed: result.failed, rate: rateText(result.passRate), mark: result.passMark })} {verdict}</span>} />
      {/* Kept mounted (disabled) once decided: a confirmation whose button vanished under it
          would stay on screen. */}
      {result.verdict !== 'pending' && (
        <Space wrap style={{ marginTop: 8 }}>
          <Input data-testid="qc-archive-signatory" placeholder={t('qcArchiveSignatory')} value={archive} disabled={!canDecide} style={{ width: 220 }} maxLength={100} onChange={(e) => setArchive(e.target.value)} />
          <Input data-testid="qc-vendor-signatory" placeholder={t('qcVendorSignatory')} value={vendor} disabled={!canDecide} style={{ width: 180 }} maxLength={100} onChange={(e) => setVendor(e.target.value)} />
          {result.verdict === 'pass'
            ? <Popconfirm title={t('qcAcceptConfirm')} {...confirmProps('accept')}>
              <Button type="primary" data-testid="qc-accept" disabled={!canDecide}>{t('qcAccept')}</Button>
            </Popconfirm>
            : <Popconfirm title={t('qcReturnConfirm')} {...confirmProps('return')}>
              <Button danger data-testid="qc-return" disabled={!canDecide}>{t('qcReturn')}</Button>
            </Popconfirm>}
        </Space>
      )}
    </div>
  );
}
