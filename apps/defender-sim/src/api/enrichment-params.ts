import { isIP } from 'node:net';
import { badRequest } from '../http/api-error';
import { HOUR_MS } from '../state/time';
import type { ApiContext } from './api-route';

const MAX_LOOKBACK_HOURS = 720;

/** `lookBackHours`: default and maximum 720 h (30 days) (REFERENCE §7). */
export function lookBackStart(ctx: ApiContext): number {
  const raw = ctx.query.get('lookBackHours');
  const hours = raw === null ? MAX_LOOKBACK_HOURS : Number(raw);
  if (!Number.isInteger(hours) || hours <= 0 || hours > MAX_LOOKBACK_HOURS) {
    throw badRequest('InvalidInput', `lookBackHours must be an integer between 1 and ${MAX_LOOKBACK_HOURS}.`);
  }
  return ctx.sim.now() - hours * HOUR_MS;
}

export function requireIp(value: string): string {
  if (!isIP(value)) throw badRequest('InvalidIpAddress', `'${value}' is not a valid IP address.`);
  return value;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export function requireDomain(value: string): string {
  if (!DOMAIN.test(value)) throw badRequest('InvalidDomainName', `'${value}' is not a valid domain name.`);
  return value.toLowerCase();
}

/** Files are addressed by SHA-1 or SHA-256 only (REFERENCE §7). */
export function requireFileHash(value: string, sha1Only = false): string {
  const ok = sha1Only ? /^[0-9a-f]{40}$/i.test(value) : /^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(value);
  if (!ok) throw badRequest('InvalidHashValue', `'${value}' is not a valid ${sha1Only ? 'SHA-1' : 'SHA-1 or SHA-256'} hash.`);
  return value.toLowerCase();
}
