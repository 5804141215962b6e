import { Tag } from 'antd';
import type { RecordRow } from '../../../electron/contract.js';
import { classificationName, type T } from '../i18n/index.js';

const SECRET = new Set(['secret', 'confidential', 'top_secret']);

/**
 * 密级 with the 涉密 hold badge: a held record must stand out in every list. A record under hold
 * whose catalogued level is still 公开 or 内部 shows the badge alone: 公开 beside a record that
 * may be secret would say the opposite of the hold (as catalog/columns.ts classificationText).
 */
export function ClassificationCell({ t, record }: { t: T; record: Pick<RecordRow, 'classification' | 'classifiedHold'> }) {
  const secret = SECRET.has(record.classification);
  return (
    <span>
      {(secret || !record.classifiedHold) && (
        <Tag color={secret ? 'red' : record.classification === 'internal' ? 'orange' : 'default'}>{classificationName(t, record.classification)}</Tag>
      )}
      {record.classifiedHold && <Tag color="volcano" data-testid="hold-badge">{t('holdBadge')}</Tag>}
    </span>
  );
}
