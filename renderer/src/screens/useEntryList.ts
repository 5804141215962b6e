import type { FormInstance } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ErrorDTO } from '../../../electron/contract.js';
import { asErrorDTO } from '../bridge.js';

/**
 * A register-like panel's state: its rows (loaded now and whenever `fetchRows` changes; pass a
 * stable function), and a form whose entry is saved, shown as done, cleared and the rows reloaded.
 * A failure of either shows as the one error; a new entry clears the last error and done.
 */
export function useEntryList<R, V, D>(fetchRows: () => Promise<R[]>, form: FormInstance<V>, save: (values: V) => Promise<D>) {
  const [rows, setRows] = useState<R[]>([]);
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [done, setDone] = useState<D | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setRows(await fetchRows());
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, [fetchRows]);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (v: V) => {
    setError(null);
    setDone(null);
    setBusy(true);
    try {
      const saved = await save(v);
      setDone(() => saved);
      form.resetFields();
      await load();
    } catch (e) {
      setError(asErrorDTO(e));
    } finally {
      setBusy(false);
    }
  };

  return { rows, error, setError, done, busy, load, submit };
}
