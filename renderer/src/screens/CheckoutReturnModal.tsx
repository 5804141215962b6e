import { Checkbox, Form, Input, InputNumber } from 'antd';
import { useEffect } from 'react';
import type { Checkout } from '../../../electron/contract.js';
import { call } from '../bridge.js';
import { useI18n } from '../i18n/index.js';
import { FormModal } from './FormModal.js';

interface Values {
  countedBack: number;
  seen: string[];
  returnedByName?: string;
  condition?: string;
}

/** 归还登记: the count made on return and the items seen; the engine names whatever is missing. */
export function CheckoutReturnModal({ checkout, onClose }: { checkout: Checkout | null; onClose: (changed: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (checkout) form.setFieldsValue({ countedBack: checkout.itemCount, seen: checkout.items.map((i) => i.itemRef) });
  }, [checkout, form]);

  const submit = async (v: Values) => {
    if (!checkout) return;
    await call('registers:return', {
      id: checkout.id, countedBack: v.countedBack, returnedItemRefs: v.seen,
      ...(v.returnedByName?.trim() ? { returnedByName: v.returnedByName.trim() } : {}),
      ...(v.condition?.trim() ? { condition: v.condition.trim() } : {}),
    });
    onClose(true);
  };

  return (
    <FormModal<Values>
      open={checkout !== null}
      title={checkout ? t('regReturnTitle', { id: checkout.id }) : ''}
      okText={t('ok')}
      okTestId="reg-return-submit"
      form={form}
      onSubmit={submit}
      onCancel={() => onClose(false)}
    >
      <Form.Item name="countedBack" label={t('regCountedBack')} rules={[{ required: true, message: t('required') }]}><InputNumber data-testid="reg-return-count" min={0} /></Form.Item>
      <Form.Item name="seen" label={t('regSeenItems')}>
        <Checkbox.Group data-testid="reg-return-items" options={(checkout?.items ?? []).map((i) => ({ value: i.itemRef, label: i.itemRef }))} />
      </Form.Item>
      <Form.Item name="returnedByName" label={t('regReturnedBy')}><Input /></Form.Item>
      <Form.Item name="condition" label={t('regCondition')}><Input /></Form.Item>
    </FormModal>
  );
}
