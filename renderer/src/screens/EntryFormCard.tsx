import { Alert, Button, Card, Form, Row } from 'antd';
import type { FormInstance, FormProps } from 'antd';
import type { ReactNode } from 'react';

interface EntryFormCardProps<V> {
  title: string;
  form: FormInstance<V>;
  initialValues?: FormProps<V>['initialValues'];
  onSubmit: (values: V) => Promise<void>;
  busy: boolean;
  /** The success line of the last entry, or null (hidden). */
  done: ReactNode | null;
  doneTestId: string;
  submitText: string;
  submitTestId: string;
  /** The form's fields, as antd Cols of one Row. */
  children: ReactNode;
}

/** The inner card where one entry of a register-like panel is written: its fields, its button, and the last entry's success line. */
export function EntryFormCard<V>({ title, form, initialValues, onSubmit, busy, done, doneTestId, submitText, submitTestId, children }: EntryFormCardProps<V>) {
  return (
    <Card type="inner" title={title} style={{ marginBottom: 16 }}>
      {done !== null && <Alert data-testid={doneTestId} type="success" showIcon title={done} style={{ marginBottom: 16 }} />}
      <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void onSubmit(v)}>
        <Row gutter={16}>{children}</Row>
        <Button type="primary" htmlType="submit" data-testid={submitTestId} loading={busy}>{submitText}</Button>
      </Form>
    </Card>
  );
}
