import { useCallback, useEffect, useState } from 'react';
import { forgetApiKey, readApiKey, storeApiKey } from '../../api/api-key';
import { onUnauthorized } from '../../api/client';

export type AuthMode = 'checking' | 'local' | 'signed-in' | 'needs-key' | 'unreachable';

/** Any route behind the API-key check; `/api/health` is public (probes), so it cannot tell. */
async function probe(key: string | null): Promise<number> {
  const response = await fetch('/api/runs?limit=1', { headers: key ? { Authorization: `Bearer ${key}` } : {} });
  return response.status;
}

/**
 * How the API authenticates, found by asking it: a request without a key that succeeds means local
 * mode (no authentication); a 401 means API keys are configured and the analyst must give one.
 */
export function useAuthMode() {
  const [mode, setMode] = useState<AuthMode>('checking');
  const [keyRejected, setKeyRejected] = useState(false);

  const detect = useCallback(async () => {
    try {
      if ((await probe(null)) !== 401) return setMode('local');
      const key = readApiKey();
      if (key && (await probe(key)) !== 401) return setMode('signed-in');
      setMode('needs-key');
    } catch {
      setMode('unreachable');
    }
  }, []);

  useEffect(() => {
    void detect();
    return onUnauthorized(() => setMode((m) => (m === 'local' ? m : 'needs-key')));
  }, [detect]);

  const signIn = async (key: string): Promise<boolean> => {
    if ((await probe(key)) === 401) {
      setKeyRejected(true);
      return false;
    }
    storeApiKey(key);
    setKeyRejected(false);
    setMode('signed-in');
    return true;
  };
  const signOut = () => {
    forgetApiKey();
    setMode('needs-key');
  };
  return { mode, keyRejected, signIn, signOut, retry: detect };
}
