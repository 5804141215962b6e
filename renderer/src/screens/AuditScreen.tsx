import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { AuditRow, AuditVerifyResult, ErrorDTO } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';

const PAGE = 100;

export function AuditScreen() {
  const { t, lang } = useI18n();
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async (p: number) => {
    setLoading(true);
    try {
      const r = await call('audit:read', { limit: PAGE, offset: (p - 1) * PAGE });
      setRows(r.rows);
      setTotal(r.total);
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load(page);
  }, [load, page]);

  const runVerify = async () => {
    try {
      setVerify(await call('audit:verify', undefined));
      void load(page);
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  return (
    <Card
      title={t('auditTitle')}
      extra={
        <Space>
          <Button onClick={() => void load(page)}>{t('refresh')}</Button>
          <Button type="primary" icon={<SafetyCertificateOutlined />} data-testid="audit-verify" onClick={() => void runVerify()}>{t('auditVerify')}</Button>
        </Space>
      }
    >
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {verify && (
        <Alert
          data-testid="audit-verify-result"
          type={verify.ok ? 'success' : 'error'}
          showIcon
          title={verify.ok ? t('auditVerifyOk', { rows: verify.rows, seq: verify.head.seq }) : t('auditVerifyBad', { n: verify.problems.length })}
          description={verify.ok ? undefined : verify.problems.slice(0, 10).map((p, i) => <div key={i}>{p.message[lang]}</div>)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<AuditRow>
        data-testid="audit-table"
        rowKey="seq"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={{ current: page, pageSize: PAGE, total, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('colSeq'), dataIndex: 'seq', width: 70 },
          { title: t('colAt'), dataIndex: 'at', width: 200, render: (v: string) => new Date(v).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB') },
          { title: t('colUser'), dataIndex: 'username', width: 120 },
          { title: t('colDevice'), dataIndex: 'device', width: 140, ellipsis: true },
          { title: t('colAction'), dataIndex: 'action', width: 150 },
          { title: t('colObject'), key: 'obj', ellipsis: true, render: (_v, r) => (r.objectType ? `${r.objectType} ${r.objectId}` : '') },
          {
            title: t('colResult'),
            dataIndex: 'result',
            width: 80,
            render: (v: string) => <Tag color={v === 'ok' ? 'green' : v === 'denied' ? 'orange' : 'red'}>{t(v === 'ok' ? 'resultOk' : v === 'denied' ? 'resultDenied' : 'resultFailed')}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
