import type { PlainRequest } from '../../http/plain-route';
import { errorPage } from './sign-in-page';
import { isAllowedRedirectUri } from './soar-apps';

/**
 * `/{tenant}/oauth2/v2.0/logout`: the simulator keeps no sign-in session (every sign-in asks for the
 * password), so signing out only sends the browser back to `post_logout_redirect_uri`.
 */
export function handleLogout(req: PlainRequest) {
  const target = req.query.get('post_logout_redirect_uri');
  if (target && isAllowedRedirectUri(target)) return { response: { status: 302, headers: { location: target, 'cache-control': 'no-store' } }, clientId: null };
  return { response: { ...errorPage(200, 'You signed out of your account.') }, clientId: null };
}
