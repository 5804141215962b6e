import { Alert, Button, Card, Col, Form, Input, Row, Select, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { EditRecordsRequest, ErrorDTO, RecordRow } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { classificationName, errorText, retentionName, useI18n, type MessageKey } from '../i18n/index.js';

const FIELDS = ['title', 'docNumber', 'docDate', 'creator', 'year', 'retention', 'orgUnit', 'classification', 'classificationPeriod', 'remarks'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string> & { reason?: string };

const LABELS: Record<Field, MessageKey> = {
  title: 'editTitleField', docNumber: 'editDocNumber', docDate: 'editDocDate', creator: 'editCreator', year: 'editYear', retention: 'editRetention',
  orgUnit: 'editOrgUnit', classification: 'editClassification', classificationPeriod: 'editClassificationPeriod', remarks: 'editRemarks',
};

function valuesOf(r: RecordRow): Values {
  return {
    title: r.title, docNumber: r.docNumber, docDate: r.docDate ?? '', creator: r.creator, year: String(r.year), retention: r.retention,
    orgUnit: r.orgUnit, classification: r.classification, classificationPeriod: r.classificationPeriod, remarks: r.remarks,
  };
}

/**
 * Editing a record's catalog fields (著录修改) with the engine's one validation: only the changed
 * fields are sent, and a refused value shows the engine's words under the field it names.
 */
export function CatalogEditScreen() {
  const { t, lang } = useI18n();
  const [rows, setRows] = useState<RecordRow[]>([]);
  const [editing, setEditing] = useState<RecordRow | null>(null);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setRows((await call('records:list', { limit: 200 })).records);
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const pick = (r: RecordRow) => {
    setEditing(r);
    setError(null);
    setNote(null);
    form.resetFields();
    form.setFieldsValue(valuesOf(r));
  };

  const save = async (v: Values) => {
    if (!editing) return;
    setError(null);
    setNote(null);
    const before = valuesOf(editing);
    const patch: EditRecordsRequest['patch'] = {};
    for (const f of FIELDS) if ((v[f] ?? '') !== before[f]) Object.assign(patch, { [f]: v[f] ?? '' });
    if (Object.keys(patch).length === 0) {
      setNote(t('editNothing'));
      return;
    }
    try {
      const r = await call('catalog:edit', { refs: [editing.archivalCode], patch, ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) });
      const done = r.records[0];
      await load();
      const fresh = (await call('records:list', { limit: 200 })).records.find((x) => x.id === editing.id);
      // The form shows what the engine stored (a changed class may have moved the 档号).
      if (fresh) pick(fresh);
      setNote(t('editSaved', { code: done?.archivalCode ?? editing.archivalCode, n: done?.changes.length ?? 0 }));
    } catch (e) {
      const dto = asErrorDTO(e);
      const field = dto.details['field'];
      // The engine names the field it refused: its words go under that field.
      if (typeof field === 'string' && (FIELDS as readonly string[]).includes(field)) form.setFields([{ name: field as Field, errors: [errorText(dto, lang)] }]);
      else setError(dto);
    }
  };

  return (
    <Card title={t('editTitle')}>
      <Alert type="info" showIcon title={t('editIntro')} style={{ marginBottom: 16 }} />
      <ErrorNotice error={error} onClose={() => setError(null)} />
      <Table<RecordRow>
        data-testid="edit-records"
        size="small"
        rowKey="id"
        pagination={{ pageSize: 10 }}
        dataSource={rows}
        columns={[
          { title: t('editColCode'), dataIndex: 'archivalCode', width: 260 },
          { title: t('editColTitle'), dataIndex: 'title', ellipsis: true },
          { title: t('editColStatus'), dataIndex: 'codeStatus', width: 100, render: (s: RecordRow['codeStatus']) => <Tag>{t(s === 'fixed' ? 'editCodeFixed' : 'editCodeProvisional')}</Tag> },
          { title: '', width: 90, render: (_: unknown, r: RecordRow) => <Button size="small" data-testid={`edit-pick-${r.id}`} onClick={() => pick(r)}>{t('editPick')}</Button> },
        ]}
      />
      {editing && (
        <Card type="inner" title={t('editEditing', { code: editing.archivalCode })} style={{ marginTop: 16 }}>
          {note && <Alert data-testid="edit-note" type="success" showIcon title={note} style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
            <Row gutter={16}>
              {FIELDS.map((f) => (
                <Col key={f} span={f === 'title' ? 24 : 8}>
                  <Form.Item name={f} label={t(LABELS[f])} className={`edit-field-${f}`}>
                    {f === 'retention' ? <Select options={['Y', 'D30', 'D10'].map((r) => ({ value: r, label: retentionName(t, r) }))} />
                      : f === 'classification' ? <Select options={['public', 'internal', 'secret', 'confidential', 'top_secret'].map((c) => ({ value: c, label: classificationName(t, c) }))} />
                      : <Input data-testid={`edit-${f}`} />}
                  </Form.Item>
                </Col>
              ))}
              <Col span={24}><Form.Item name="reason" label={t('editReason')}><Input data-testid="edit-reason" /></Form.Item></Col>
            </Row>
            <Button type="primary" htmlType="submit" data-testid="edit-save">{t('editSave')}</Button>
          </Form>
        </Card>
      )}
    </Card>
  );
}
