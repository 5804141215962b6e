import { Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ErrorDTO, StatusDTO } from '../../electron/contract.js';
import { asErrorDTO, call, onEvent, sessionUnlocked } from './bridge.js';
import { ErrorNotice } from './ErrorNotice.js';
import { ChangePasswordScreen } from './screens/ChangePasswordScreen.js';
import { LoginScreen } from './screens/LoginScreen.js';
import { MainLayout } from './screens/MainLayout.js';
import { SetupScreen } from './screens/SetupScreen.js';
import { UnlockModal } from './screens/UnlockModal.js';
import { VaultScreen } from './screens/VaultScreen.js';

/** Which screen shows follows the main process's status: vault → setup → login → work. */
export function App() {
  const [status, setStatus] = useState<StatusDTO | null>(null);
  const [error, setError] = useState<ErrorDTO | null>(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await call('app:status', undefined));
    } catch (e) {
      setError(asErrorDTO(e));
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onEvent((e) => {
      // Calls held by the lock fail with it when the session ends for good.
      if (e.type === 'session:ended') sessionUnlocked(false);
      if (e.type === 'session:ended' || e.type === 'session:locked') void refresh();
    });
  }, [refresh]);

  if (!status) return error ? <div style={{ padding: 24 }}><ErrorNotice error={error} /></div> : <Spin style={{ margin: 48 }} />;
  if (!status.vault) return <VaultScreen onStatus={setStatus} />;
  if (status.needsSetup) return <SetupScreen status={status} onStatus={setStatus} />;
  if (!status.session || !status.permissions) return <LoginScreen status={status} onStatus={setStatus} />;
  if (status.permissions.mustChangePassword) return <ChangePasswordScreen status={status} onStatus={setStatus} />;
  // The unlock dialog covers the work screen, which stays mounted behind it with its state.
  return (
    <>
      <MainLayout status={status} onStatus={setStatus} />
      {status.locked && <UnlockModal status={status} onStatus={setStatus} />}
    </>
  );
}
