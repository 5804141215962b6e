import { useState } from 'react';
import type { ErrorDTO } from '../../../electron/contract.js';
import { asErrorDTO } from '../bridge.js';

/**
 * An action whose success is one line of text (a "done" note) and whose failure is the engine's
 * error; starting one clears both. The action returns its note, or null where it stopped itself.
 */
export function useNotedAction() {
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const run = async (action: () => Promise<string | null>) => {
    setError(null);
    setNote(null);
    try {
      setNote(await action());
    } catch (e) {
      setError(asErrorDTO(e));
    }
  };

  return { note, error, setError, run };
}
