import { Alert, Button, Card, Col, Form, Input, Radio, Row, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ErrorDTO, SecondPersonInput, StackEvent } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useI18n } from '../i18n/index.js';
import { timeText } from './registerText.js';
import { SecondPersonModal } from './SecondPersonModal.js';

interface Values {
  stack: string;
  kind: 'seal' | 'unseal';
  purpose?: string;
  remarks?: string;
}

/** The latest event of each stack room: its state now. */
function currentStates(events: StackEvent[]): StackEvent[] {
  const seen = new Map<string, StackEvent>();
  for (const e of events) if (!seen.has(e.stack)) seen.set(e.stack, e);
  return [...seen.values()];
}

/** 封库/启库: a stack room sealed or entered by two people (the second confirms with their own login), with its log. */
export function StacksPanel({ canSeal }: { canSeal: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'seal';
  const [events, setEvents] = useState<StackEvent[]>([]);
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [pending, setPending] = useState<Values | null>(null);
  const [done, setDone] = useState<StackEvent | null>(null);

  const load = useCallback(async () => {
    try {
      setEvents(await call('registers:stackEvents', {}));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  // Errors of the call itself show in the modal, where the second person can retry.
  const confirm = async (second: SecondPersonInput) => {
    if (!pending) return;
    const remarks = pending.remarks?.trim() ? { remarks: pending.remarks.trim() } : {};
    const stack = pending.stack.trim();
    const ev = pending.kind === 'seal'
      ? await call('registers:seal', { stack, ...remarks, second })
      : await call('registers:unseal', { stack, purpose: (pending.purpose ?? '').trim(), ...remarks, second });
    setPending(null);
    setDone(ev);
    form.resetFields(['purpose', 'remarks']);
    await load();
  };

  const kindTag = (k: StackEvent['kind']) => <Tag color={k === 'seal' ? 'green' : 'orange'}>{t(k === 'seal' ? 'stackSealed' : 'stackUnsealed')}</Tag>;
  return (
    <>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {canSeal && (
        <Card type="inner" title={t('stackNew')} style={{ marginBottom: 16 }}>
          {done && <Alert data-testid="stack-done" type="success" showIcon title={t(done.kind === 'seal' ? 'stackSealDone' : 'stackUnsealDone', { stack: done.stack, first: done.firstName, second: done.secondName })} style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" initialValues={{ kind: 'seal' }} onFinish={(v) => {
            setDone(null);
            setPending(v);
          }}>
            <Row gutter={16}>
              <Col span={6}><Form.Item name="stack" label={t('stackName')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input data-testid="stack-name" /></Form.Item></Col>
              <Col span={6}>
                <Form.Item name="kind" label={t('stackKind')}>
                  <Radio.Group data-testid="stack-kind" options={[{ value: 'seal', label: t('stackSeal') }, { value: 'unseal', label: t('stackUnseal') }]} />
                </Form.Item>
              </Col>
              {kind === 'unseal' && <Col span={6}><Form.Item name="purpose" label={t('stackPurpose')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input data-testid="stack-purpose" /></Form.Item></Col>}
              <Col span={6}><Form.Item name="remarks" label={t('regRemarks')}><Input /></Form.Item></Col>
            </Row>
            <Button type="primary" htmlType="submit" data-testid="stack-submit">{t('stackSubmit')}</Button>
          </Form>
        </Card>
      )}
      <Table<StackEvent>
        data-testid="stack-states"
        size="small"
        rowKey="stack"
        pagination={false}
        style={{ marginBottom: 16 }}
        dataSource={currentStates(events)}
        columns={[
          { title: t('stackName'), dataIndex: 'stack', width: 200 },
          { title: t('stackState'), dataIndex: 'kind', width: 100, render: kindTag },
          { title: t('stackSince'), dataIndex: 'at', render: timeText },
        ]}
      />
      <Table<StackEvent>
        data-testid="stack-log"
        size="small"
        rowKey="id"
        pagination={{ pageSize: 20 }}
        dataSource={events}
        columns={[
          { title: t('regColAt'), dataIndex: 'at', width: 170, render: timeText },
          { title: t('stackName'), dataIndex: 'stack', width: 160 },
          { title: t('stackKind'), dataIndex: 'kind', width: 90, render: kindTag },
          { title: t('stackPeople'), width: 180, render: (_: unknown, e: StackEvent) => t('stackPeopleValue', { first: e.firstName, second: e.secondName }) },
          { title: t('stackPurpose'), dataIndex: 'purpose', ellipsis: true },
          { title: t('regRemarks'), dataIndex: 'remarks', ellipsis: true },
        ]}
      />
      <SecondPersonModal
        open={pending !== null}
        title={pending ? t(pending.kind === 'seal' ? 'stackSealTitle' : 'stackUnsealTitle', { stack: pending.stack.trim() }) : ''}
        onCancel={() => setPending(null)}
        onConfirm={confirm}
      />
    </>
  );
}
