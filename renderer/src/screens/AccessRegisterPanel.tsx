import { Alert, Button, Card, Col, Form, Input, Row, Select, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { AccessMethod, AccessRegisterEntry, AccessRegisterRequest, ErrorDTO } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { ACCESS_METHOD_LIST, accessMethodName, linesOf, timeText } from './registerText.js';

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

/**
 * 利用登记: who used which records, for what, how, approved by whom. Records named by 档号 are
 * linked, so a restricted or 涉密 one is refused without a named approver (the engine's rule).
 */
export function AccessRegisterPanel({ canRegister }: { canRegister: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [rows, setRows] = useState<AccessRegisterEntry[]>([]);
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [done, setDone] = useState<AccessRegisterEntry | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setRows(await call('registers:access', { limit: 200 }));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (v: Values) => {
    setError(null);
    setDone(null);
    setBusy(true);
    const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
    const request: AccessRegisterRequest = {
      personName: v.personName.trim(), purpose: v.purpose.trim(), method: v.method, records: linesOf(v.records), items: linesOf(v.items),
      ...Object.fromEntries(Object.entries({ personUnit: opt(v.personUnit), approvedBy: opt(v.approvedBy), approvalRef: opt(v.approvalRef), remarks: opt(v.remarks) }).filter(([, x]) => x !== undefined)),
    };
    try {
      setDone(await call('registers:registerAccess', request));
      form.resetFields();
      await load();
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {canRegister && (
        <Card type="inner" title={t('regAccessNew')} style={{ marginBottom: 16 }}>
          {done && <Alert data-testid="reg-access-done" type="success" showIcon title={t('regAccessDone', { id: done.id, person: done.personName, count: done.items.length })} style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" initialValues={{ method: 'view' }} onFinish={(v) => void submit(v)}>
            <Row gutter={16}>
              <Col span={6}><Form.Item name="personName" label={t('regPerson')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input data-testid="reg-access-person" /></Form.Item></Col>
              <Col span={6}><Form.Item name="personUnit" label={t('regUnit')}><Input data-testid="reg-access-unit" /></Form.Item></Col>
              <Col span={6}><Form.Item name="method" label={t('regMethod')}><Select data-testid="reg-access-method" options={ACCESS_METHOD_LIST.map((m) => ({ value: m, label: accessMethodName(t, m) }))} /></Form.Item></Col>
              <Col span={6}><Form.Item name="approvedBy" label={t('regApprovedBy')} extra={t('regApprovedByHint')}><Input data-testid="reg-access-approver" /></Form.Item></Col>
              <Col span={12}><Form.Item name="purpose" label={t('regPurpose')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input data-testid="reg-access-purpose" /></Form.Item></Col>
              <Col span={6}><Form.Item name="approvalRef" label={t('regApprovalRef')}><Input /></Form.Item></Col>
              <Col span={6}><Form.Item name="remarks" label={t('regRemarks')}><Input /></Form.Item></Col>
              <Col span={12}><Form.Item name="records" label={t('regRecords')}><Input.TextArea data-testid="reg-access-records" rows={3} style={{ fontFamily: 'monospace' }} /></Form.Item></Col>
              <Col span={12}><Form.Item name="items" label={t('regItems')}><Input.TextArea data-testid="reg-access-items" rows={3} style={{ fontFamily: 'monospace' }} /></Form.Item></Col>
            </Row>
            <Button type="primary" htmlType="submit" data-testid="reg-access-submit" loading={busy}>{t('regAccessSubmit')}</Button>
          </Form>
        </Card>
      )}
      <Table<AccessRegisterEntry>
        data-testid="reg-access-table"
        size="small"
        rowKey="id"
        pagination={{ pageSize: 20 }}
        dataSource={rows}
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
