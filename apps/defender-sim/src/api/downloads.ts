import { createHmac } from 'node:crypto';
import type { SimContext } from '../sim-context';

/**
 * Short-lived download links (package SAS URI, live response results) point back at the
 * simulator, signed so a link cannot be guessed from an action id alone.
 */
export function downloadUrl(sim: SimContext, kind: 'packages' | 'liveresponse', path: string, ttlMs = 30 * 60_000): string {
  const se = new Date(sim.now() + ttlMs).toISOString();
  return `${sim.urls.apiBaseUrl}/sim-downloads/${kind}/${path}?se=${encodeURIComponent(se)}&sp=r&sig=${encodeURIComponent(signature(sim, kind, path, se))}`;
}

export function signature(sim: SimContext, kind: string, path: string, se: string): string {
  return createHmac('sha256', sim.signingKey.kid).update(`${kind}/${path}|${se}`).digest('base64');
}
