import type { DefenderEndpointGroup } from '../http/endpoint-groups';

/** At most `points` calls in any rolling window of `durationSec` seconds. */
export interface RateLimit {
  points: number;
  durationSec: number;
}

export type DefenderRateLimits = Record<DefenderEndpointGroup, RateLimit[]>;

const perMinute = (points: number): RateLimit => ({ points, durationSec: 60 });
const perHour = (points: number): RateLimit => ({ points, durationSec: 3600 });

/** Defender's published quotas per application + tenant (REFERENCE.md §9.2). */
export const DEFAULT_DEFENDER_RATE_LIMITS: DefenderRateLimits = {
  default: [perMinute(100), perHour(1500)],
  hunting: [perMinute(45), perHour(1500)],
  packageUri: [perMinute(2), perHour(120)],
  indicatorImport: [perMinute(30)],
  indicatorBatchDelete: [perMinute(30), perHour(1500)],
  liveResponse: [perMinute(10)],
  alertBatchUpdate: [perMinute(10), perHour(500)],
  vulnerabilities: [perMinute(50), perHour(1500)],
};
