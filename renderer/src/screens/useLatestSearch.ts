import { useEffect, useRef, useState } from 'react';
import type { ErrorDTO, SearchResult } from '../../../electron/contract.js';
import { asErrorDTO, call } from '../bridge.js';

/** Long enough to let a burst of keys end in one search, short enough to stay under the 300 ms goal. */
export const TYPING_PAUSE_MS = 120;

export interface SearchRequest {
  query: string;
  from?: string;
  to?: string;
}

/**
 * Search as you type: the request runs once typing pauses (or at once on `runNow`, the Enter key),
 * and only the newest request's answer is shown: an older search still in flight when the person
 * types on is dropped when it returns, so the list never jumps back to a shorter query.
 * An empty query clears the results without asking the engine.
 */
export function useLatestSearch(request: SearchRequest) {
  const [result, setResult] = useState<SearchResult | null>(null);
  const [shownQuery, setShownQuery] = useState('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ErrorDTO | null>(null);
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const key = JSON.stringify(request);

  const run = async (req: SearchRequest) => {
    clearTimeout(timer.current);
    const mine = ++latest.current;
    if (req.query === '') {
      setResult(null);
      setError(null);
      setLoading(false);
      return;
    }
    setLoading(true);
    try {
      const value = await call('search:query', { query: req.query, limit: 50, ...(req.from ? { from: req.from } : {}), ...(req.to ? { to: req.to } : {}) });
      if (mine !== latest.current) return;
      setResult(value);
      setShownQuery(req.query);
      setError(null);
    } catch (e) {
      if (mine !== latest.current) return;
      setError(asErrorDTO(e));
      setResult(null);
    } finally {
      if (mine === latest.current) setLoading(false);
    }
  };

  useEffect(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void run(request), TYPING_PAUSE_MS);
    return () => clearTimeout(timer.current);
    // `key` stands for every field of the request; `run` reads the request it is given.
  }, [key]);

  return { result, shownQuery, loading, error, clearError: () => setError(null), runNow: () => void run(request) };
}
