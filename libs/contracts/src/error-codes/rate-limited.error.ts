import { ActionError } from '../actions/action-handler';
import { DEFENDER_ERROR_CODES } from '../actions/defender/defender-error-codes';

/**
 * No call slot is free in our own rate limiter: nothing was sent. The engine recognises this type
 * (not its code) and waits durably for `retryAfterMs` before executing again, without spending an attempt.
 */
export class RateLimitedError extends ActionError {
  constructor(message: string, retryAfterMs: number, details?: ActionError['options']['details']) {
    super(DEFENDER_ERROR_CODES.rateLimited, message, true, { retryAfterMs, ...(details !== undefined ? { details } : {}) });
    this.name = 'RateLimitedError';
  }

  get retryAfterMs(): number {
    return this.options.retryAfterMs ?? 1000;
  }
}
