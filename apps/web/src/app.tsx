import { lazy, Suspense } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { useApprovals } from './api/queries';
import { ApprovalsPage } from './features/approvals/approvals-page';
import { EntraSignInPage } from './features/auth/entra-sign-in-page';
import { permissionsOf } from './features/auth/permissions';
import { PermissionsContext } from './features/auth/permissions-context';
import { SignInPage } from './features/auth/sign-in-page';
import { useAuthMode, type AuthMode } from './features/auth/use-auth-mode';
import type { Me } from './api/types';
import { PlaybooksPage } from './features/playbooks/playbooks-page';
import { RunPage } from './features/runs/run-page';
import { RunsPage } from './features/runs/runs-page';
import { useTheme } from './ui/theme';

// The editor brings CodeMirror and the schema tooling, the run form the server's input rules
// (a CEL/RE2 engine for patterns): each is loaded when first opened, so the run page and the
// lists start from a small bundle.
const EditorPage = lazy(() => import('./features/editor/editor-page').then((m) => ({ default: m.EditorPage })));
const RunFormPage = lazy(() => import('./features/playbooks/run-form-page').then((m) => ({ default: m.RunFormPage })));

export function App() {
  const auth = useAuthMode();
  if (auth.mode === 'checking') return <p className="muted center">Connecting to the API…</p>;
  if (auth.mode === 'unreachable')
    return (
      <main className="center" role="alert">
        <p>The API cannot be reached.</p>
        <button type="button" onClick={() => void auth.retry()}>
          Try again
        </button>
      </main>
    );
  if (auth.mode === 'needs-key') return <SignInPage rejected={auth.keyRejected} onSignIn={auth.signIn} />;
  if (auth.mode === 'needs-entra') return <EntraSignInPage onSignIn={auth.signInWithEntra} />;
  return (
    <PermissionsContext.Provider value={permissionsOf(auth.me)}>
      <Shell mode={auth.mode} me={auth.me} onSignOut={auth.signOut} />
    </PermissionsContext.Provider>
  );
}

function ApprovalsBadge() {
  const { data } = useApprovals();
  const count = data?.items.length ?? 0;
  if (count === 0) return null;
  return (
    <span className="count" aria-label={`${count} pending`}>
      {count}
    </span>
  );
}

function Shell({ mode, me, onSignOut }: { mode: AuthMode; me: Me | null; onSignOut(): void }) {
  const [theme, toggleTheme] = useTheme();
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header>
        <div className="top">
          <span className="brand">Defender SOAR</span>
          <nav aria-label="Main">
            <NavLink to="/" end>
              Playbooks
            </NavLink>
            <NavLink to="/runs">Runs</NavLink>
            <NavLink to="/approvals">
              Approvals <ApprovalsBadge />
            </NavLink>
            <NavLink to="/editor">Editor</NavLink>
          </nav>
          <span className="spacer" />
          <button type="button" className="secondary" onClick={toggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
            {theme === 'dark' ? 'Light' : 'Dark'} theme
          </button>
          {mode === 'signed-in' && me?.source === 'entra' && (
            <span className="muted" data-testid="signed-in-as">
              Signed in as {me.actor} ({me.roles.join(', ') || 'no role'})
            </span>
          )}
          {mode === 'signed-in' && (
            <button type="button" className="secondary" onClick={onSignOut}>
              Sign out
            </button>
          )}
        </div>
        {mode === 'local' && (
          <p className="banner">Local mode: this API has no authentication (no API keys configured). Anyone who can reach it acts as local-admin.</p>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <Routes>
            <Route path="/" element={<PlaybooksPage />} />
            <Route path="/playbooks/:name" element={<RunFormPage />} />
            <Route path="/runs" element={<RunsPage />} />
            <Route path="/runs/:id" element={<RunPage />} />
            <Route path="/approvals" element={<ApprovalsPage />} />
            <Route path="/editor" element={<EditorPage />} />
            <Route path="/editor/:name" element={<EditorPage />} />
            <Route path="*" element={<p className="empty">There is no page here. Go back to the playbooks.</p>} />
          </Routes>
        </Suspense>
      </main>
    </>
  );
}
