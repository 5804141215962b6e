import { Form, Input, InputNumber } from 'antd';
import type { TransportEntry } from '../../../electron/contract.js';
import { call } from '../bridge.js';
import { useI18n } from '../i18n/index.js';
import { FormModal } from './FormModal.js';

interface Values {
  toSite?: string;
  courier?: string;
  count?: number | null;
  note?: string;
}

/** Checking a medium out to a site or courier, or back in: one row of the transport log. */
export function MediaCustodyModal({ move, onClose }: { move: { mediumId: string; direction: 'out' | 'in' } | null; onClose: (done: TransportEntry | null) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();

  const submit = async (v: Values) => {
    if (!move) return;
    const extra = {
      ...(v.courier?.trim() ? { courier: v.courier.trim() } : {}),
      ...(v.count ? { count: v.count } : {}),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    };
    const entry = move.direction === 'out'
      ? await call('media:checkout', { mediumId: move.mediumId, toSite: (v.toSite ?? '').trim(), ...extra })
      : await call('media:checkin', { mediumId: move.mediumId, ...(v.toSite?.trim() ? { toSite: v.toSite.trim() } : {}), ...extra });
    form.resetFields();
    onClose(entry);
  };

  return (
    <FormModal<Values>
      open={move !== null}
      title={move ? t(move.direction === 'out' ? 'mediaCustodyOut' : 'mediaCustodyIn', { id: move.mediumId }) : ''}
      okText={t('ok')}
      okTestId="media-custody-submit"
      form={form}
      onSubmit={submit}
      onCancel={() => onClose(null)}
    >
      <Form.Item name="toSite" label={t('mediaToSite')} rules={move?.direction === 'out' ? [{ required: true, whitespace: true, message: t('required') }] : []}>
        <Input data-testid="media-custody-site" />
      </Form.Item>
      <Form.Item name="courier" label={t('mediaCourier')}><Input data-testid="media-custody-courier" /></Form.Item>
      <Form.Item name="count" label={t('mediaCount')}><InputNumber min={1} /></Form.Item>
      <Form.Item name="note" label={t('mediaNote')}><Input /></Form.Item>
    </FormModal>
  );
}
