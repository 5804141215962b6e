import { Button, Card, Col, Form, Input, Modal, Row, Select, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { AccountInfo, ErrorDTO } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { roleName, useI18n } from '../i18n/index.js';

interface NewValues {
  username: string;
  displayName?: string;
  password: string;
  role: 'archivist' | 'backup_officer';
}

export function AccountsScreen() {
  const { t } = useI18n();
  const [rows, setRows] = useState<AccountInfo[]>([]);
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [form] = Form.useForm<NewValues>();
  const [modal, contextHolder] = Modal.useModal();

  const load = useCallback(async () => {
    try {
      setRows(await call('accounts:list', undefined));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const create = (v: NewValues) => {
    void modal.confirm({
      title: t('accountsCreate'),
      content: t('accountsCreateConfirm', { username: v.username }),
      okText: t('ok'),
      cancelText: t('cancel'),
      onOk: async () => {
        setError(null);
        try {
          await call('accounts:create', { username: v.username, displayName: v.displayName ?? '', password: v.password, roles: [v.role] });
          form.resetFields();
          await load();
        } catch (e) {
          setError(asErrorDTO(e));
        }
      },
    });
  };

  return (
    <Card title={t('accountsTitle')}>
      {contextHolder}
      <ErrorNotice error={error} onClose={() => setError(null)} />
      <Table<AccountInfo>
        data-testid="accounts-table"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('username'), dataIndex: 'username' },
          { title: t('displayName'), dataIndex: 'displayName' },
          { title: t('colRoles'), dataIndex: 'roles', render: (roles: string[]) => roles.map((r) => <Tag key={r}>{roleName(t, r)}</Tag>) },
          { title: t('colStatus'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'}>{t(s === 'active' ? 'statusActive' : 'statusDisabled')}</Tag> },
          { title: t('colMustChange'), dataIndex: 'mustChangePassword', render: (b: boolean) => t(b ? 'yes' : 'no') },
          { title: t('colCreatedAt'), dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString() },
        ]}
      />
      <Card type="inner" title={t('accountsCreate')} style={{ marginTop: 16 }}>
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ role: 'archivist' }}>
          <Row gutter={16}>
            <Col span={6}><Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('required') }]}><Input data-testid="acct-username" autoComplete="off" /></Form.Item></Col>
            <Col span={6}><Form.Item name="displayName" label={t('displayName')}><Input data-testid="acct-name" autoComplete="off" /></Form.Item></Col>
            <Col span={6}><Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('required') }]}><Input.Password data-testid="acct-password" autoComplete="new-password" /></Form.Item></Col>
            <Col span={6}>
              <Form.Item name="role" label={t('colRoles')}>
                <Select options={(['archivist', 'backup_officer'] as const).map((r) => ({ value: r, label: roleName(t, r) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" data-testid="acct-create">{t('accountsCreate')}</Button>
        </Form>
      </Card>
    </Card>
  );
}
