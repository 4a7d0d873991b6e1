import { useCallback, useEffect, useRef, useState } from 'react';
import { forgetApiKey, readApiKey, storeApiKey } from '../../api/api-key';
import { api, onUnauthorized, setBearerSource } from '../../api/client';
import type { AuthConfig, Me } from '../../api/types';
import type { EntraSession } from './entra-session';

export type AuthMode = 'checking' | 'local' | 'signed-in' | 'needs-key' | 'needs-entra' | 'unreachable';

/** Any route behind the API-key check; `/api/health` is public (probes), so it cannot tell. */
async function probe(key: string | null): Promise<number> {
  const response = await fetch('/api/runs?limit=1', { headers: key ? { Authorization: `Bearer ${key}` } : {} });
  return response.status;
}

async function authConfig(): Promise<AuthConfig> {
  const response = await fetch('/api/auth/config', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`auth config answered ${response.status}`);
  return (await response.json()) as AuthConfig;
}

/**
 * How the API authenticates, as `GET /api/auth/config` says: local mode (no authentication), API
 * keys (the analyst gives one, kept for this tab), or Entra ID (msal signs the user in by redirect).
 * Once signed in, `me` is who the API takes the user to be, with the roles the console hides
 * actions by.
 */
export function useAuthMode() {
  const [mode, setMode] = useState<AuthMode>('checking');
  const [keyRejected, setKeyRejected] = useState(false);
  const [me, setMe] = useState<Me | null>(null);
  const entra = useRef<EntraSession | null>(null);

  const signedIn = useCallback(async (next: 'local' | 'signed-in') => {
    setMe(await api<Me>('/me').catch(() => null));
    setMode(next);
  }, []);

  const detect = useCallback(async () => {
    try {
      const config = await authConfig();
      if (config.mode === 'entra' && config.entra) {
        // msal-browser is loaded only where Entra sign-in is configured.
        const session = (entra.current ??= await (await import('./entra-session')).EntraSession.start(config.entra));
        setBearerSource(() => session.accessToken());
        return session.account && (await session.accessToken()) ? await signedIn('signed-in') : setMode('needs-entra');
      }
      if ((await probe(null)) !== 401) return await signedIn('local');
      const key = readApiKey();
      if (key && (await probe(key)) !== 401) return await signedIn('signed-in');
      setMode('needs-key');
    } catch {
      setMode('unreachable');
    }
  }, [signedIn]);

  useEffect(() => {
    void detect();
    return onUnauthorized(() => setMode((m) => (m === 'local' ? m : entra.current ? 'needs-entra' : 'needs-key')));
  }, [detect]);

  const signIn = async (key: string): Promise<boolean> => {
    if ((await probe(key)) === 401) {
      setKeyRejected(true);
      return false;
    }
    storeApiKey(key);
    setKeyRejected(false);
    await signedIn('signed-in');
    return true;
  };
  const signOut = () => {
    setMe(null);
    if (entra.current) return void entra.current.signOut();
    forgetApiKey();
    setMode('needs-key');
  };
  const signInWithEntra = () => void entra.current?.signIn();
  return { mode, me, keyRejected, signIn, signInWithEntra, signOut, retry: detect };
}
