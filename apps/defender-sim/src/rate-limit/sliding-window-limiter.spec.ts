import { SlidingWindowLimiter } from './sliding-window-limiter';

describe('SlidingWindowLimiter', () => {
  it('allows perMinute calls per sliding minute and tells when the next slot frees', () => {
    const limiter = new SlidingWindowLimiter();
    const limit = { perMinute: 2 };
    expect(limiter.check('k', limit, 0)).toEqual({ allowed: true });
    expect(limiter.check('k', limit, 10_000)).toEqual({ allowed: true });
    expect(limiter.check('k', limit, 20_000)).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(limiter.check('other', limit, 20_000)).toEqual({ allowed: true });
    expect(limiter.check('k', limit, 60_001)).toEqual({ allowed: true });
    expect(limiter.check('k', limit, 60_002)).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it('enforces perHour too', () => {
    const limiter = new SlidingWindowLimiter();
    const limit = { perMinute: 100, perHour: 3 };
    for (const t of [0, 61_000, 122_000]) expect(limiter.check('k', limit, t).allowed).toBe(true);
    expect(limiter.check('k', limit, 183_000)).toEqual({ allowed: false, retryAfterSeconds: 3600 - 183 });
    expect(limiter.check('k', limit, 3_600_001).allowed).toBe(true);
  });

  it('does not count rejected calls and resets on demand', () => {
    const limiter = new SlidingWindowLimiter();
    const limit = { perMinute: 1 };
    limiter.check('k', limit, 0);
    for (let i = 1; i < 10; i++) expect(limiter.check('k', limit, i * 1000).allowed).toBe(false);
    expect(limiter.check('k', limit, 60_001).allowed).toBe(true);
    limiter.reset();
    expect(limiter.check('k', limit, 60_002).allowed).toBe(true);
  });
});
