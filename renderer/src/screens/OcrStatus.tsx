import { Progress, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { JobProgress } from '../../../electron/contract.js';
import { onEvent } from '../bridge.js';
import { useI18n } from '../i18n/index.js';

type State = { kind: 'idle' } | { kind: 'running'; progress: JobProgress } | { kind: 'done'; done: number; failed: number } | { kind: 'error' };

/** The background OCR the shell starts after each ingest, shown in the header on every screen. */
export function OcrStatus() {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ kind: 'idle' });
  useEffect(
    () =>
      onEvent((e) => {
        if (e.type === 'job:progress' && e.progress.kind === 'ocr') setState({ kind: 'running', progress: e.progress });
        if (e.type === 'ocr:done') setState(e.result.ok ? { kind: 'done', done: e.result.value.done, failed: e.result.value.failed } : { kind: 'error' });
      }),
    [],
  );
  if (state.kind === 'idle') return null;
  const style = { color: '#fff', whiteSpace: 'nowrap' as const };
  if (state.kind === 'running') {
    // done counts every page read, failed ones included.
    const { done, total } = state.progress;
    return (
      <span data-testid="ocr-status" style={{ ...style, display: 'inline-flex', alignItems: 'center', gap: 8 }}>
        {t('ocrRunning', { done, total })}
        <Progress percent={total > 0 ? Math.round((done / total) * 100) : 0} size="small" showInfo={false} style={{ width: 80, margin: 0 }} />
      </span>
    );
  }
  return (
    <Typography.Text data-testid="ocr-status" style={style}>
      {state.kind === 'done' ? t(state.failed > 0 ? 'ocrDoneWithFailures' : 'ocrDone', { done: state.done, failed: state.failed }) : t('ocrFailed')}
    </Typography.Text>
  );
}
