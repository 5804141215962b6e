import { Button, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ErrorDTO, LabelFiles } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';

/**
 * A medium's label for its case: the engine writes the text and the QR code (PNG, SVG) into a
 * folder; the text shows here to check and print, the image files are named for the label printer.
 */
export function MediaLabelModal({ mediumId, onClose }: { mediumId: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const [outDir, setOutDir] = useState('');
  const [files, setFiles] = useState<LabelFiles | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const make = async () => {
    if (!mediumId) return;
    setError(null);
    try {
      setFiles(await call('media:label', { mediumId, outDir: outDir.trim() }));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  const close = () => {
    setFiles(null);
    setError(null);
    onClose();
  };

  return (
    <Modal open={mediumId !== null} title={t('mediaLabelTitle', { id: mediumId ?? '' })} onCancel={close} footer={[
      <Button key="print" disabled={!files} onClick={() => window.print()}>{t('mediaLabelPrint')}</Button>,
      <Button key="close" onClick={close}>{t('close')}</Button>,
    ]} width={640} destroyOnHidden>
      <ErrorNotice error={error} />
      <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
        <Input data-testid="media-label-out" placeholder={t('mediaLabelOut')} value={outDir} onChange={(e) => setOutDir(e.target.value)} style={{ fontFamily: 'monospace' }} />
        <Button type="primary" data-testid="media-label-make" disabled={!outDir.trim()} onClick={() => void make()}>{t('mediaLabelMake')}</Button>
      </Space.Compact>
      {files && (
        <>
          <pre data-testid="media-label-text" style={{ background: '#fff', border: '1px solid #ddd', padding: 12, whiteSpace: 'pre-wrap' }}>{files.text}</pre>
          <Typography.Text type="secondary">{t('mediaLabelFiles', { png: files.pngFile, svg: files.svgFile })}</Typography.Text>
        </>
      )}
    </Modal>
  );
}
