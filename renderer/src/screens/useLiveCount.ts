import { useEffect, useState } from 'react';
import type { ErrorDTO, TransferPreview, TransferSelection } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';

export interface SelectValues {
  year?: number | null;
  categoryCode?: string;
  codes?: string;
  query?: string;
}

/** The form's fields as the engine's selection; null when nothing is given (the engine would refuse it). */
export function selectionOf(v: SelectValues): TransferSelection | null {
  const codes = (v.codes ?? '').split(/\r?\n/).map((c) => c.trim()).filter(Boolean);
  const s: TransferSelection = {
    ...(v.year ? { year: v.year } : {}),
    ...(v.categoryCode?.trim() ? { categoryCode: v.categoryCode.trim().toUpperCase() } : {}),
    ...(codes.length ? { codes } : {}),
    ...(v.query?.trim() ? { query: v.query.trim() } : {}),
  };
  return Object.keys(s).length ? s : null;
}

const PREVIEW_DELAY_MS = 300;

/**
 * The wizard's live count: the engine is asked a moment after the person stops typing, and a
 * newer answer wins over an older one still in flight.
 */
export function useLiveCount(values: SelectValues | undefined) {
  const [selection, setSelection] = useState<TransferSelection | null>(null);
  const [preview, setPreview] = useState<TransferPreview | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);
  const [counting, setCounting] = useState(false);

  useEffect(() => {
    const s = selectionOf(values ?? {});
    setSelection(s);
    setError(null);
    if (!s) {
      setPreview(null);
      setCounting(false);
      return;
    }
    let stale = false;
    setCounting(true);
    const timer = setTimeout(() => {
      call('transfer:preview', s).then(
        (p) => !stale && setPreview(p),
        (e: unknown) => {
          if (stale) return;
          setPreview(null);
          setError(asErrorDTO(e));
        },
      ).finally(() => !stale && setCounting(false));
    }, PREVIEW_DELAY_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [values]);

  return { selection, preview, error, counting };
}
