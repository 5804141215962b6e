import { Tag } from 'antd';
import type { RecordRow } from '../../../electron/contract.js';
import { classificationName, type T } from '../i18n/index.js';

const SECRET = new Set(['secret', 'confidential', 'top_secret']);

/** 密级 with the 涉密 hold badge: a held record must stand out in every list. */
export function ClassificationCell({ t, record }: { t: T; record: Pick<RecordRow, 'classification' | 'classifiedHold'> }) {
  return (
    <span>
      <Tag color={SECRET.has(record.classification) ? 'red' : record.classification === 'internal' ? 'orange' : 'default'}>{classificationName(t, record.classification)}</Tag>
      {record.classifiedHold && <Tag color="volcano" data-testid="hold-badge">{t('holdBadge')}</Tag>}
    </span>
  );
}
