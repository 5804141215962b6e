import { Button, Col, Form, Input, InputNumber, Tag } from 'antd';
import { useState } from 'react';
import type { Checkout, CheckoutRequest } from '../../../electron/contract.js';
import { call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { CheckoutReturnModal } from './CheckoutReturnModal.js';
import { EntryFormCard } from './EntryFormCard.js';
import { EntryTable } from './EntryTable.js';
import { isoOfLocal, linesOf, timeText } from './registerText.js';
import { useEntryList } from './useEntryList.js';

interface Values {
  items: string;
  count?: number | null;
  reason: string;
  userName: string;
  userUnit?: string;
  responsibleName: string;
  dueAt: string;
  remarks?: string;
}

const fetchCheckouts = () => call('registers:checkouts', {});

const requestOf = (v: Values): CheckoutRequest => ({
  items: linesOf(v.items), reason: v.reason.trim(), userName: v.userName.trim(), responsibleName: v.responsibleName.trim(), dueAt: isoOfLocal(v.dueAt),
  ...(v.count ? { count: v.count } : {}),
  ...(v.userUnit?.trim() ? { userUnit: v.userUnit.trim() } : {}),
  ...(v.remarks?.trim() ? { remarks: v.remarks.trim() } : {}),
});

/**
 * 出库/归还: paper originals leaving the stacks with who answers for them and when they are due,
 * and their return counted back (a short count or a missing item is shown, never hidden).
 */
export function CheckoutPanel({ canCheckOut, canReturn }: { canCheckOut: boolean; canReturn: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { rows, error, setError, done, busy, load, submit } = useEntryList(fetchCheckouts, form, (v: Values) => call('registers:checkOut', requestOf(v)));
  const [returning, setReturning] = useState<Checkout | null>(null);

  const statusTag = (c: Checkout) => {
    if (c.status === 'out') return <Tag color={c.overdue ? 'red' : 'blue'}>{t(c.overdue ? 'regStatusOverdue' : 'regStatusOut')}</Tag>;
    return <Tag color={c.mismatch ? 'red' : 'green'}>{t(c.mismatch ? 'regStatusMismatch' : 'regStatusReturned')}</Tag>;
  };

  return (
    <>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {canCheckOut && (
        <EntryFormCard<Values>
          title={t('regCheckoutNew')}
          form={form}
          onSubmit={submit}
          busy={busy}
          done={done && t('regCheckoutDone', { id: done.id, count: done.itemCount, due: timeText(done.dueAt) })}
          doneTestId="reg-checkout-done"
          submitText={t('regCheckoutSubmit')}
          submitTestId="reg-checkout-submit"
        >
          <Col span={6}><Form.Item name="userName" label={t('regBorrower')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input data-testid="reg-checkout-user" /></Form.Item></Col>
          <Col span={6}><Form.Item name="userUnit" label={t('regUnit')}><Input /></Form.Item></Col>
          <Col span={6}><Form.Item name="responsibleName" label={t('regResponsible')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input data-testid="reg-checkout-responsible" /></Form.Item></Col>
          <Col span={6}><Form.Item name="dueAt" label={t('regDue')} rules={[{ required: true, message: t('required') }]}><Input type="datetime-local" data-testid="reg-checkout-due" /></Form.Item></Col>
          <Col span={12}><Form.Item name="reason" label={t('regReason')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input data-testid="reg-checkout-reason" /></Form.Item></Col>
          <Col span={6}><Form.Item name="count" label={t('regCount')} extra={t('regCountHint')}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={6}><Form.Item name="remarks" label={t('regRemarks')}><Input /></Form.Item></Col>
          <Col span={24}><Form.Item name="items" label={t('regCheckoutItems')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input.TextArea data-testid="reg-checkout-items" rows={3} style={{ fontFamily: 'monospace' }} /></Form.Item></Col>
        </EntryFormCard>
      )}
      <EntryTable<Checkout>
        testId="reg-checkout-table"
        rows={rows}
        columns={[
          { title: t('regColId'), dataIndex: 'id', width: 60 },
          { title: t('regColAt'), dataIndex: 'checkedOutAt', width: 170, render: timeText },
          { title: t('regBorrower'), dataIndex: 'userName', width: 100 },
          { title: t('regResponsible'), dataIndex: 'responsibleName', width: 100 },
          { title: t('regColItems'), render: (_: unknown, c: Checkout) => c.items.map((i) => i.itemRef).join(t('regItemSep')), ellipsis: true },
          { title: t('regDue'), dataIndex: 'dueAt', width: 170, render: timeText },
          { title: t('regColStatus'), width: 200, render: (_: unknown, c: Checkout) => <span data-testid={`reg-checkout-status-${c.id}`}>{statusTag(c)}{c.missingRefs.length > 0 && t('regMissing', { refs: c.missingRefs.join(t('regItemSep')) })}</span> },
          {
            title: '', width: 90,
            render: (_: unknown, c: Checkout) => c.status === 'out' && canReturn && <Button size="small" data-testid={`reg-return-${c.id}`} onClick={() => setReturning(c)}>{t('regReturn')}</Button>,
          },
        ]}
      />
      <CheckoutReturnModal checkout={returning} onClose={(changed) => {
        setReturning(null);
        if (changed) void load();
      }} />
    </>
  );
}
