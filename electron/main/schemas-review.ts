/** Request schemas of the security officer's review channels (access approvals, record reviews); spread into schemas.ts. */
import { CLASSIFICATIONS } from '../../native/api/index.js';
import type { RecordReviewRequest, Req } from '../contract.js';
import { int, obj, oneOf, optBool, optObj, str, strList } from './request.js';

type ReviewChannel = 'review:grants' | 'review:grant' | 'review:revoke' | 'review:record';

export const reviewSchemas: { [C in ReviewChannel]: (raw: unknown) => Req<C> } = {
  'review:grants': (raw) => {
    const all = optBool(optObj(raw), 'all');
    return all === undefined ? {} : { all };
  },
  'review:grant': (raw) => {
    const o = obj(raw);
    return {
      username: str(o, 'username', 64), records: strList(o, 'records', 1000), scope: oneOf(o, 'scope', ['view', 'export'] as const),
      purpose: str(o, 'purpose', 2000), expiresAt: str(o, 'expiresAt', 40),
    };
  },
  'review:revoke': (raw) => ({ grantId: int(obj(raw), 'grantId') }),
  'review:record': (raw): RecordReviewRequest => {
    const o = obj(raw);
    const base = { archivalCode: str(o, 'archivalCode', 200), basis: str(o, 'basis', 2000) };
    return oneOf(o, 'kind', ['classification', 'access'] as const) === 'classification'
      ? { ...base, kind: 'classification', classification: oneOf(o, 'classification', CLASSIFICATIONS), period: str(o, 'period', 40) }
      : { ...base, kind: 'access', status: oneOf(o, 'status', ['open', 'restricted'] as const) };
  },
};
