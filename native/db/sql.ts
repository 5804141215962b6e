/**
 * A small tagged template for SQL: values become bound parameters, never string-spliced.
 * Nested fragments (sql`...` inside sql`...`) are inlined with their own parameters, and
 * raw() inserts a trusted identifier or keyword.
 */
export type SqlValue = string | number | bigint | Buffer | null;

export interface SqlFragment {
  readonly text: string;
  readonly params: SqlValue[];
}

class Raw {
  constructor(readonly text: string) {}
}

export function raw(text: string): Raw {
  return new Raw(text);
}

function isFragment(v: unknown): v is SqlFragment {
  return typeof v === 'object' && v !== null && 'text' in v && 'params' in v && Array.isArray((v as SqlFragment).params);
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  let text = strings[0] ?? '';
  const params: SqlValue[] = [];
  values.forEach((value, i) => {
    if (value instanceof Raw) {
      text += value.text;
    } else if (isFragment(value)) {
      text += value.text;
      params.push(...value.params);
    } else if (Array.isArray(value)) {
      text += value.map(() => '?').join(', ');
      params.push(...(value as SqlValue[]));
    } else if (typeof value === 'boolean') {
      text += '?';
      params.push(value ? 1 : 0);
    } else if (value === undefined) {
      text += '?';
      params.push(null);
    } else {
      text += '?';
      params.push(value as SqlValue);
    }
    text += strings[i + 1] ?? '';
  });
  return { text, params };
}

export function join(fragments: SqlFragment[], separator: string): SqlFragment {
  return {
    text: fragments.map((f) => f.text).join(separator),
    params: fragments.flatMap((f) => f.params),
  };
}
