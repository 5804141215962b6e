import { Col, Form, Input, Select } from 'antd';
import type { AccessMethod, AccessRegisterEntry, AccessRegisterRequest } from '../../../electron/contract.js';
import { call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { EntryFormCard } from './EntryFormCard.js';
import { EntryTable } from './EntryTable.js';
import { ACCESS_METHOD_LIST, accessMethodName, linesOf, timeText } from './registerText.js';
import { useEntryList } from './useEntryList.js';

interface Values {
  personName: string;
  personUnit?: string;
  purpose: string;
  method: AccessMethod;
  approvedBy?: string;
  approvalRef?: string;
  records?: string;
  items?: string;
  remarks?: string;
}

const fetchAccess = () => call('registers:access', { limit: 200 });

const requestOf = (v: Values): AccessRegisterRequest => {
  const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  return {
    personName: v.personName.trim(), purpose: v.purpose.trim(), method: v.method, records: linesOf(v.records), items: linesOf(v.items),
    ...Object.fromEntries(Object.entries({ personUnit: opt(v.personUnit), approvedBy: opt(v.approvedBy), approvalRef: opt(v.approvalRef), remarks: opt(v.remarks) }).filter(([, x]) => x !== undefined)),
  };
};

/**
 * 利用登记: who used which records, for what, how, approved by whom. Records named by 档号 are
 * linked, so a restricted or 涉密 one is refused without a named approver (the engine's rule).
 */
export function AccessRegisterPanel({ canRegister }: { canRegister: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { rows, error, setError, done, busy, submit } = useEntryList(fetchAccess, form, (v: Values) => call('registers:registerAccess', requestOf(v)));

  return (
    <>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {canRegister && (
        <EntryFormCard<Values>
          title={t('regAccessNew')}
          form={form}
          initialValues={{ method: 'view' }}
          onSubmit={submit}
          busy={busy}
          done={done && t('regAccessDone', { id: done.id, person: done.personName, count: done.items.length })}
          doneTestId="reg-access-done"
          submitText={t('regAccessSubmit')}
          submitTestId="reg-access-submit"
        >
          <Col span={6}><Form.Item name="personName" label={t('regPerson')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input data-testid="reg-access-person" /></Form.Item></Col>
          <Col span={6}><Form.Item name="personUnit" label={t('regUnit')}><Input data-testid="reg-access-unit" /></Form.Item></Col>
          <Col span={6}><Form.Item name="method" label={t('regMethod')}><Select data-testid="reg-access-method" options={ACCESS_METHOD_LIST.map((m) => ({ value: m, label: accessMethodName(t, m) }))} /></Form.Item></Col>
          <Col span={6}><Form.Item name="approvedBy" label={t('regApprovedBy')} extra={t('regApprovedByHint')}><Input data-testid="reg-access-approver" /></Form.Item></Col>
          <Col span={12}><Form.Item name="purpose" label={t('regPurpose')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input data-testid="reg-access-purpose" /></Form.Item></Col>
          <Col span={6}><Form.Item name="approvalRef" label={t('regApprovalRef')}><Input /></Form.Item></Col>
          <Col span={6}><Form.Item name="remarks" label={t('regRemarks')}><Input /></Form.Item></Col>
          <Col span={12}><Form.Item name="records" label={t('regRecords')}><Input.TextArea data-testid="reg-access-records" rows={3} style={{ fontFamily: 'monospace' }} /></Form.Item></Col>
          <Col span={12}><Form.Item name="items" label={t('regItems')}><Input.TextArea data-testid="reg-access-items" rows={3} style={{ fontFamily: 'monospace' }} /></Form.Item></Col>
        </EntryFormCard>
      )}
      <EntryTable<AccessRegisterEntry>
        testId="reg-access-table"
        rows={rows}
        columns={[
          { title: t('regColAt'), dataIndex: 'at', width: 170, render: timeText },
          { title: t('regPerson'), width: 160, render: (_: unknown, r: AccessRegisterEntry) => (r.personUnit ? t('regPersonWithUnit', { name: r.personName, unit: r.personUnit }) : r.personName) },
          { title: t('regPurpose'), dataIndex: 'purpose', ellipsis: true },
          { title: t('regMethod'), dataIndex: 'method', width: 90, render: (m: AccessMethod) => accessMethodName(t, m) },
          { title: t('regColItems'), render: (_: unknown, r: AccessRegisterEntry) => r.items.map((i) => i.itemRef).join(t('regItemSep')), ellipsis: true },
          { title: t('regApprovedBy'), dataIndex: 'approvedBy', width: 100 },
          { title: t('regColBy'), dataIndex: 'registeredByName', width: 100 },
        ]}
      />
    </>
  );
}
