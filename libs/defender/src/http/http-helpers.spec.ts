import { rebaseNextLink } from './next-link';
import { backoffWithJitterMs, parseRetryAfterMs } from './retry-after';

describe('rebaseNextLink', () => {
  it('keeps path and query but always uses the configured host', () => {
    expect(rebaseNextLink('https://api.securitycenter.microsoft.com/api/alerts?$skiptoken=abc%3D&$top=5', 'https://api-eu.securitycenter.microsoft.com')).toBe(
      'https://api-eu.securitycenter.microsoft.com/api/alerts?$skiptoken=abc%3D&$top=5',
    );
    expect(rebaseNextLink('https://evil.example/api/machines?$skip=10', 'https://localhost:8443')).toBe('https://localhost:8443/api/machines?$skip=10');
  });

  it('accepts relative links and keeps a base path prefix (reverse proxy)', () => {
    expect(rebaseNextLink('/api/machines?$skip=2', 'https://localhost:8443')).toBe('https://localhost:8443/api/machines?$skip=2');
    expect(rebaseNextLink('https://api.securitycenter.microsoft.com/api/machines?$skip=2', 'https://proxy.local/defender')).toBe(
      'https://proxy.local/defender/api/machines?$skip=2',
    );
    expect(rebaseNextLink('https://proxy.local/defender/api/machines?$skip=2', 'https://proxy.local/defender')).toBe(
      'https://proxy.local/defender/api/machines?$skip=2',
    );
  });
});

describe('Retry-After', () => {
  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfterMs('7')).toBe(7000);
    expect(parseRetryAfterMs('0.5')).toBe(500);
    expect(parseRetryAfterMs(new Date(10_000 + 30_000).toUTCString(), 10_000)).toBe(30_000);
    expect(parseRetryAfterMs(null)).toBeUndefined();
    expect(parseRetryAfterMs('soon')).toBeUndefined();
  });

  it('falls back to exponential backoff with jitter, capped', () => {
    expect(backoffWithJitterMs(1, 60_000, () => 0)).toBe(500);
    expect(backoffWithJitterMs(1, 60_000, () => 1)).toBe(1000);
    expect(backoffWithJitterMs(4, 60_000, () => 1)).toBe(8000);
    expect(backoffWithJitterMs(30, 60_000, () => 1)).toBe(60_000);
  });
});
