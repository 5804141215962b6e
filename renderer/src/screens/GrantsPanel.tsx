import { Button, Checkbox, Col, Form, Input, InputNumber, Popconfirm, Radio, Tag } from 'antd';
import { useCallback, useState } from 'react';
import type { AccessGrant, GrantRequest } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { EntryFormCard } from './EntryFormCard.js';
import { EntryTable } from './EntryTable.js';
import { linesOf, timeText } from './registerText.js';
import { useEntryList } from './useEntryList.js';

interface Values {
  username: string;
  records: string;
  scope: 'view' | 'export';
  purpose: string;
  days: number;
}

const DAY_MS = 86_400_000;

/**
 * 利用审批: the security officer lets one archivist use restricted or 涉密 records (by 档号) for a
 * purpose until a time, and withdraws an approval early. The engine checks the grantee, the
 * records and the longest term allowed.
 */
export function GrantsPanel() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [all, setAll] = useState(false);
  const fetchGrants = useCallback(() => call('review:grants', { all }), [all]);
  const grant = async (v: Values): Promise<string> => {
    const request: GrantRequest = {
      username: v.username.trim(), records: linesOf(v.records), scope: v.scope, purpose: v.purpose.trim(),
      expiresAt: new Date(Date.now() + v.days * DAY_MS).toISOString(),
    };
    const grants = await call('review:grant', request);
    return t('grantDone', { username: request.username, count: grants.length, until: timeText(grants[0]?.expiresAt ?? null) });
  };
  const { rows, error, setError, done, busy, load, submit } = useEntryList(fetchGrants, form, grant);

  const revoke = async (id: number) => {
    setError(null);
    try {
      await call('review:revoke', { grantId: id });
      await load();
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  const live = (g: AccessGrant) => g.revokedAt === null && Date.parse(g.expiresAt) > Date.now();
  return (
    <>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      <EntryFormCard<Values>
        title={t('grantNew')}
        form={form}
        initialValues={{ scope: 'view', days: 30 }}
        onSubmit={submit}
        busy={busy}
        done={done}
        doneTestId="grant-done"
        submitText={t('grantSubmit')}
        submitTestId="grant-submit"
      >
        <Col span={6}><Form.Item name="username" label={t('grantUser')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input data-testid="grant-user" /></Form.Item></Col>
        <Col span={6}><Form.Item name="scope" label={t('grantScope')}><Radio.Group options={[{ value: 'view', label: t('grantScopeView') }, { value: 'export', label: t('grantScopeExport') }]} /></Form.Item></Col>
        <Col span={4}><Form.Item name="days" label={t('grantDays')} rules={[{ required: true, message: t('required') }]}><InputNumber data-testid="grant-days" min={1} max={3650} style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={8}><Form.Item name="purpose" label={t('grantPurpose')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input data-testid="grant-purpose" /></Form.Item></Col>
        <Col span={24}><Form.Item name="records" label={t('grantRecords')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input.TextArea data-testid="grant-records" rows={3} style={{ fontFamily: 'monospace' }} /></Form.Item></Col>
      </EntryFormCard>
      <Checkbox data-testid="grant-all" checked={all} onChange={(e) => setAll(e.target.checked)} style={{ marginBottom: 8 }}>{t('grantShowAll')}</Checkbox>
      <EntryTable<AccessGrant>
        testId="grant-table"
        rows={rows}
        columns={[
          { title: t('grantColUser'), dataIndex: 'username', width: 120 },
          { title: t('grantRecord'), dataIndex: 'archivalCode', width: 220, render: (c: string, g: AccessGrant) => c || `#${g.recordId}` },
          { title: t('grantScope'), dataIndex: 'scope', width: 80, render: (s: AccessGrant['scope']) => t(s === 'export' ? 'grantScopeExport' : 'grantScopeView') },
          { title: t('grantPurpose'), dataIndex: 'purpose', ellipsis: true },
          { title: t('grantBy'), dataIndex: 'approvedByName', width: 100 },
          { title: t('grantUntil'), dataIndex: 'expiresAt', width: 170, render: timeText },
          {
            title: '', width: 110,
            render: (_: unknown, g: AccessGrant) => (live(g)
              ? <Popconfirm title={t('grantRevokeConfirm', { username: g.username })} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => void revoke(g.id)}>
                  <Button size="small" danger data-testid={`grant-revoke-${g.id}`}>{t('grantRevoke')}</Button>
                </Popconfirm>
              : <Tag>{t(g.revokedAt ? 'grantRevoked' : 'grantExpired')}</Tag>),
          },
        ]}
      />
    </>
  );
}
