import { useState, type FormEvent } from 'react';

/** The API-key prompt shown when the API has keys configured; the key is kept for this tab only. */
export function SignInPage({ rejected, onSignIn }: { rejected: boolean; onSignIn(key: string): Promise<boolean> }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    await onSignIn(key.trim());
    setBusy(false);
  };
  return (
    <main className="sign-in">
      <h1>Sign in to Defender SOAR</h1>
      <form onSubmit={submit}>
        <div className={`field ${rejected ? 'invalid' : ''}`}>
          <label htmlFor="api-key">API key</label>
          <input
            id="api-key"
            type="password"
            autoComplete="current-password"
            required
            value={key}
            onChange={(e) => setKey(e.target.value)}
            aria-invalid={rejected || undefined}
            aria-describedby="api-key-help"
          />
          <p id="api-key-help" className="help">
            The key your administrator gave you. It is kept only until this browser tab is closed.
          </p>
          {rejected && (
            <p className="field-error" role="alert">
              The API did not accept this key.
            </p>
          )}
        </div>
        <button type="submit" disabled={busy || key.trim() === ''}>
          Sign in
        </button>
      </form>
    </main>
  );
}
