import { useState } from 'react';

/**
 * A piece of window state kept in sessionStorage, so that reloading the page (or the app
 * window reopening on the same engine) comes back to it: which screen, whether the jobs panel
 * is open. Per window and per login (`scope`: a new login starts on the dashboard), never
 * shared, gone when the window's session storage is.
 */
export function usePersisted<T>(scope: string, key: string, initial: T): [T, (v: T) => void] {
  const name = `lantai.${scope}.${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = window.sessionStorage.getItem(name);
      return raw === null ? initial : (JSON.parse(raw) as T);
    } catch {
      // Storage off (a locked-down profile) or a value from an older build: start afresh.
      return initial;
    }
  });
  const set = (v: T) => {
    setValue(v);
    try {
      window.sessionStorage.setItem(name, JSON.stringify(v));
    } catch {
      // Not kept across a reload then; the window works the same.
    }
  };
  return [value, set];
}
