import { REFERENCE_LIMITS, type EndpointGroup, type GroupLimit } from '../rate-limit/endpoint-groups';
import type { RateLimitOption } from '../options';

export type ConflictMode = 'error' | 'return-existing';
export type RateLimitTable = Record<EndpointGroup, GroupLimit>;

/**
 * Behaviour that tests change at run time (PUT /config) — mostly the points REFERENCE marks
 * UNCONFIRMED, so a client can be tested against each plausible behaviour.
 */
export interface RuntimeConfig {
  actionSchedule: { pendingMs: number; inProgressMs: number };
  latencyMs: number;
  /** null = rate limiting off. */
  rateLimits: RateLimitTable | null;
  conflictMode: ConflictMode;
  pageSize: number;
  tokenLifetimeSeconds: number;
  /** Isolating an isolated device: new action that succeeds (default) or one that stays Pending (§5.4). */
  isolateWhenIsolated: 'succeed' | 'stay-pending';
  /** Offboard answers 201 (default) or 200 as the doc text says (§5.1, UNCONFIRMED). */
  offboardStatusCode: 200 | 201;
  /** getPackageUri value wrapped in double quotes, as documented (default true). */
  packageUriQuoted: boolean;
  /** Token audiences the API accepts (§1.5: both hosts, UNCONFIRMED for api.security). */
  acceptedAudiences: string[];
  /**
   * Users (UPNs, or `'*'` for everyone) who have not consented to the apps' delegated Defender
   * permissions: an On-Behalf-Of exchange for them fails with AADSTS65001, as Entra answers.
   */
  consentMissingFor: string[];
}

export const RESOURCES = [
  'https://api.securitycenter.microsoft.com',
  'https://api.security.microsoft.com',
  'https://securitycenter.onmicrosoft.com/windowsatpservice',
  // Microsoft Graph (security alerts_v2, runHuntingQuery).
  'https://graph.microsoft.com',
] as const;

export function resolveRateLimits(option: RateLimitOption | undefined): RateLimitTable | null {
  if (option === false) return null;
  if (option === undefined || option === true) return { ...REFERENCE_LIMITS };
  return { ...REFERENCE_LIMITS, ...option };
}
