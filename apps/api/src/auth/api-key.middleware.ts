import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

/**
 * Bearer API keys from configuration (`API_KEYS=alice=key1,bob=key2`). Without keys configured the
 * API runs in local mode and every caller is `local-admin` (the README says so; production sets keys).
 */
export function apiKeyMiddleware(spec: string | undefined) {
  const keys = (spec ?? '')
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      return { actor: pair.slice(0, at), key: Buffer.from(pair.slice(at + 1)) };
    });

  return (req: Request, res: Response, next: NextFunction): void => {
    // Already authenticated by a route's own scheme (the signed alert intake).
    if ((req as Request & { actor?: string }).actor) return next();
    if (keys.length === 0) {
      (req as Request & { actor?: string }).actor = 'local-admin';
      return next();
    }
    const header = req.headers.authorization ?? '';
    const presented = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    const match = keys.find((k) => k.key.length === presented.length && timingSafeEqual(k.key, presented));
    if (!match) {
      res.status(401).json({ error: { code: 'UNAUTHORIZED', message: 'send a valid API key as Authorization: Bearer <key>', correlationId: randomUUID() } });
      return;
    }
    (req as Request & { actor?: string }).actor = match.actor;
    next();
  };
}
