import { retryDelayMs } from './retry-delay';

const exponential = { attempts: 5, backoff: 'exponential' as const, delay_seconds: 2, max_delay_seconds: 30 };

describe('retryDelayMs', () => {
  it('doubles per attempt with jitter between half and the full backoff', () => {
    expect(retryDelayMs(exponential, 1, 0, () => 0)).toBe(1000);
    expect(retryDelayMs(exponential, 1, 0, () => 1)).toBe(2000);
    expect(retryDelayMs(exponential, 3, 0, () => 1)).toBe(8000);
  });
  it('caps the backoff at max_delay_seconds', () => {
    expect(retryDelayMs(exponential, 10, 0, () => 1)).toBe(30000);
  });
  it('never retries before the Retry-After Defender asked for', () => {
    expect(retryDelayMs(exponential, 1, 45_000, () => 1)).toBe(45_000);
  });
  it('uses a constant delay for fixed backoff', () => {
    expect(retryDelayMs({ ...exponential, backoff: 'fixed' }, 4, 0, () => 0)).toBe(2000);
  });
});
