import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { isValidCorrelationId, withCorrelation } from '@soar/observability';

/**
 * Gives every request one correlation id: the caller's `x-correlation-id` (or `x-request-id`) when
 * it is a plain short token, a new UUID otherwise. It is echoed in the response header, used by the
 * error filter and the request log, and carried by the jobs the request queues. Registered after
 * the body parsers: their stream callbacks would otherwise run outside the async context.
 */
export function correlationMiddleware() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const offered = req.headers['x-correlation-id'] ?? req.headers['x-request-id'];
    const correlationId = isValidCorrelationId(offered) ? offered : randomUUID();
    req.headers['x-correlation-id'] = correlationId;
    res.setHeader('x-correlation-id', correlationId);
    withCorrelation({ correlationId }, () => next());
  };
}
