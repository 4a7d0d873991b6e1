import type { SimResponse } from '../../http/sim-response';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The simulator's sign-in page: a username/password form that posts back to the authorize endpoint
 * with the original request's parameters as hidden fields. No cookies: every sign-in asks again.
 */
export function signInPage(params: Record<string, string>, error?: string): SimResponse {
  const hidden = Object.entries(params)
    .filter(([k]) => k !== 'username' && k !== 'password')
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n      ');
  const body = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Sign in to your account</title><link rel="icon" href="data:,">
  <style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto}label,input,button{display:block;width:100%;margin:.3rem 0}.error{color:#a4262c}</style></head>
  <body>
    <main>
      <h1>Sign in</h1>
      <p>Simulated Microsoft Entra ID tenant</p>
      <form method="post">
      ${hidden}
        <label for="username">Email or username</label>
        <input id="username" name="username" type="email" autocomplete="username" required value="${escapeHtml(params.login_hint ?? params.username ?? '')}">
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
        <button type="submit">Sign in</button>
      </form>
    </main>
  </body>
</html>`;
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body };
}

export function errorPage(status: number, message: string): SimResponse {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in error</title><link rel="icon" href="data:,"></head><body><main><h1>${status >= 400 ? 'Sorry, but we’re having trouble signing you in.' : 'Microsoft Entra ID (simulated)'}</h1><p role="alert">${escapeHtml(message)}</p></main></body></html>`;
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body };
}
