/** Request schemas of the register channels (利用登记, 出库/归还); spread into schemas.ts. */
import { ACCESS_METHODS, type AccessMethod } from '../../native/api/index.js';
import type { Req, SecondPersonInput } from '../contract.js';
import { int, obj, oneOf, optBool, optInt, optObj, optStr, str, strList } from './request.js';

type RegisterChannel = 'registers:access' | 'registers:registerAccess' | 'registers:checkouts' | 'registers:checkOut' | 'registers:return' | 'registers:stackEvents' | 'registers:seal' | 'registers:unseal';

/** Copies the defined optional values only (the engine's types use absent, not undefined). */
function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

function secondOf(raw: unknown): SecondPersonInput {
  const o = obj(raw, 'second');
  return { username: str(o, 'username', 64), password: str(o, 'password', 1024) };
}

export const registerSchemas: { [C in RegisterChannel]: (raw: unknown) => Req<C> } = {
  'registers:access': (raw) => defined({ limit: optInt(optObj(raw), 'limit') }),
  'registers:registerAccess': (raw) => {
    const o = obj(raw);
    return defined({
      personName: str(o, 'personName', 100), personUnit: optStr(o, 'personUnit', 200), personIdNo: optStr(o, 'personIdNo', 64),
      purpose: str(o, 'purpose', 2000), method: oneOf<AccessMethod>(o, 'method', ACCESS_METHODS),
      approvedBy: optStr(o, 'approvedBy', 100), approvalRef: optStr(o, 'approvalRef', 200),
      records: strList(o, 'records', 1000), items: strList(o, 'items', 1000), remarks: optStr(o, 'remarks', 2000),
    });
  },
  'registers:checkouts': (raw) => defined({ open: optBool(optObj(raw), 'open') }),
  'registers:checkOut': (raw) => {
    const o = obj(raw);
    return defined({
      items: strList(o, 'items', 1000), count: optInt(o, 'count'), reason: str(o, 'reason', 2000),
      userName: str(o, 'userName', 100), userUnit: optStr(o, 'userUnit', 200), responsibleName: str(o, 'responsibleName', 100),
      dueAt: str(o, 'dueAt', 40), remarks: optStr(o, 'remarks', 2000),
    });
  },
  'registers:return': (raw) => {
    const o = obj(raw);
    const refs = o['returnedItemRefs'] === undefined || o['returnedItemRefs'] === null ? undefined : strList(o, 'returnedItemRefs', 1000);
    return defined({
      id: int(o, 'id'), countedBack: int(o, 'countedBack'), returnedItemRefs: refs,
      returnedByName: optStr(o, 'returnedByName', 100), condition: optStr(o, 'condition', 2000),
    });
  },
  'registers:stackEvents': (raw) => defined({ stack: optStr(optObj(raw), 'stack', 100) }),
  'registers:seal': (raw) => {
    const o = obj(raw);
    return defined({ stack: str(o, 'stack', 100), remarks: optStr(o, 'remarks', 2000), second: secondOf(o['second']) });
  },
  'registers:unseal': (raw) => {
    const o = obj(raw);
    return defined({ stack: str(o, 'stack', 100), purpose: str(o, 'purpose', 2000), remarks: optStr(o, 'remarks', 2000), second: secondOf(o['second']) });
  },
};
