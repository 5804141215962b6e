import { Button, Card, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ErrorDTO, ProjectRow } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { DigiCreateForm } from './DigiCreateForm.js';
import { DigiProjectView } from './DigiProjectView.js';

/**
 * 数字化项目: the projects the session works on (all of them for the archive room, a vendor
 * operator's own open ones), a new project, and one project's page. The engine decides who
 * may do what; a refusal shows in words.
 */
export function DigitizationScreen() {
  const { t } = useI18n();
  const [projects, setProjects] = useState<ProjectRow[]>([]);
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const load = useCallback(async () => {
    try {
      setProjects(await call('digitization:list', undefined));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  if (openId !== null) {
    return <DigiProjectView projectId={openId} onBack={() => {
      setOpenId(null);
      void load();
    }} />;
  }
  return (
    <Card title={t('digiTitle')} data-testid="digi-screen" extra={<Button type="primary" data-testid="digi-new" onClick={() => setCreating(true)}>{t('digiNew')}</Button>}>
      <Typography.Paragraph type="secondary">{t('digiIntro')}</Typography.Paragraph>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {creating && <DigiCreateForm onCancel={() => setCreating(false)} onCreated={(id) => {
        setCreating(false);
        setOpenId(id);
      }} />}
      <Table<ProjectRow> data-testid="digi-projects" size="small" rowKey="id" pagination={{ pageSize: 20 }} dataSource={projects}
        locale={{ emptyText: t('digiNoProjects') }}
        columns={[
          { title: t('digiColName'), dataIndex: 'name', render: (n: string, p) => <a data-testid="digi-open" data-name={n} onClick={() => setOpenId(p.id)}>{n}</a> },
          { title: t('digiColVendor'), dataIndex: 'vendor', render: (v: string, p) => (p.inHouse ? t('digiInHouse') : v) },
          { title: t('digiColSite'), dataIndex: 'site' },
          { title: t('digiColRule'), render: (_: unknown, p) => t('digiRuleShort', { percent: p.samplePercent, mark: p.passMark, dpi: p.minDpi }) },
          { title: t('digiColCreated'), dataIndex: 'createdAt', width: 170, render: (v: string) => new Date(v).toLocaleString() },
          { title: t('digiColState'), dataIndex: 'state', width: 90, render: (s: ProjectRow['state']) => <Tag data-testid="digi-state" color={s === 'open' ? 'blue' : 'default'}>{t(s === 'open' ? 'digiStateOpen' : 'digiStateClosed')}</Tag> },
        ]} />
    </Card>
  );
}
