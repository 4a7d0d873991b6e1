import { randomUUID } from 'node:crypto';
import { ActionError } from '@soar/contracts';
import { testRedisUrl } from '@soar/testing';
import { SEED, startSim, type SimHarness } from '../testing/sim-harness';
import { DefenderRateLimiter } from './defender-rate-limiter';

/**
 * Four independent clients (separate DefenderClient and DefenderRateLimiter instances, as in four
 * workers) share one budget through Redis. Counted at the simulator: no rolling window ever holds
 * more calls than the limit, and the clients together use at least 90% of it.
 */
describe('DefenderRateLimiter with four clients against the simulator', () => {
  const LIMIT = 20;
  const WINDOW_MS = 2000;
  const RUN_MS = 6000;
  const MARGIN_MS = 200;
  let h: SimHarness;
  const limiters: DefenderRateLimiter[] = [];

  beforeAll(async () => {
    h = await startSim();
  });
  afterAll(async () => {
    await Promise.all(limiters.map((l) => l.close()));
    await h.close();
  });

  it('never exceeds the limit in any window and uses ≥ 90% of it', async () => {
    const keyPrefix = `test-rl-sim-${randomUUID()}`;
    const clients = Array.from({ length: 4 }, () => {
      const limiter = new DefenderRateLimiter({
        redis: testRedisUrl,
        keyPrefix,
        limits: { default: [{ points: LIMIT, durationSec: WINDOW_MS / 1000 }] },
        windowMarginMs: MARGIN_MS,
      });
      limiters.push(limiter);
      return h.client({}, { rateLimiter: limiter });
    });
    await Promise.all(clients.map((c) => c.tokens.getToken())); // token calls are not API calls
    const since = await h.control.mark();

    const started = Date.now();
    let rateLimited = 0;
    await Promise.all(
      clients.map(async (client) => {
        while (Date.now() - started < RUN_MS) {
          try {
            await client.getMachine(SEED.machines.financeWorkstation.id);
          } catch (error) {
            if (!(error instanceof ActionError) || error.code !== 'RATE_LIMITED') throw error;
            rateLimited++;
            // The engine would park the step for retryAfterMs; here the loop just waits.
            await new Promise((r) => setTimeout(r, Math.min(error.options.retryAfterMs!, started + RUN_MS - Date.now() + 1)));
          }
        }
      }),
    );

    const calls = (await h.control.apiRequests(since)).map((r) => Date.parse(r.at)).sort((a, b) => a - b);
    expect(rateLimited).toBeGreaterThan(0);
    // Rolling windows over the times the simulator logged the calls.
    let maxInWindow = 0;
    for (let i = 0, j = 0; i < calls.length; i++) {
      while (calls[i]! - calls[j]! >= WINDOW_MS) j++;
      maxInWindow = Math.max(maxInWindow, i - j + 1);
    }
    expect(maxInWindow).toBeLessThanOrEqual(LIMIT);
    const windows = Math.ceil(RUN_MS / WINDOW_MS);
    expect(calls.length).toBeGreaterThanOrEqual(0.9 * LIMIT * windows);
    expect(calls.length).toBeLessThanOrEqual(LIMIT * (windows + 1));
  });
});
