import { Alert, Button, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { OperatorRow, ProjectDetail } from '../../../electron/contract.js';
import { call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { roleName, useI18n } from '../i18n/index.js';
import { useNotedAction } from './useNotedAction.js';

/**
 * The project's operators: a vendor operator's account (made by the system administrator) is
 * added here and then works on this project's items only; it is disabled when the project closes.
 */
export function DigiOperatorsPanel({ detail, onChanged }: { detail: ProjectDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const { note: added, error, setError, run } = useNotedAction();

  const add = () => run(async () => {
    const o = await call('digitization:addOperator', { project: detail.project.id, username: username.trim() });
    setUsername('');
    onChanged();
    return t('digiOperatorAdded', { name: o.displayName || o.username });
  });

  const open = detail.project.state === 'open';
  return (
    <div>
      <Alert type="info" showIcon title={t('digiOperatorsIntro')} style={{ marginBottom: 12 }} />
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {added && <Alert data-testid="digi-operator-added" type="success" showIcon title={added} style={{ marginBottom: 12 }} />}
      <Table<OperatorRow> data-testid="digi-operators" size="small" rowKey="username" pagination={false} dataSource={detail.operators} locale={{ emptyText: t('digiNoOperators') }}
        columns={[
          { title: t('username'), dataIndex: 'username', width: 160 },
          { title: t('displayName'), dataIndex: 'displayName', width: 160 },
          { title: t('colRoles'), dataIndex: 'roles', render: (r: string[]) => r.map((x) => <Tag key={x}>{roleName(t, x)}</Tag>) },
          { title: t('colStatus'), dataIndex: 'status', width: 100, render: (s: string) => <Tag data-testid="digi-operator-status" color={s === 'active' ? 'green' : 'default'}>{t(s === 'active' ? 'statusActive' : 'statusDisabled')}</Tag> },
          { title: t('digiColAt'), dataIndex: 'addedAt', width: 170, render: (v: string) => new Date(v).toLocaleString() },
        ]} />
      {open && (
        <Space.Compact style={{ marginTop: 12, width: 420 }}>
          <Input data-testid="digi-operator-username" placeholder={t('digiOperatorUsername')} value={username} maxLength={64} onChange={(e) => setUsername(e.target.value)} />
          <Button type="primary" data-testid="digi-operator-add" disabled={!username.trim()} onClick={() => void add()}>{t('digiOperatorAdd')}</Button>
        </Space.Compact>
      )}
    </div>
  );
}
