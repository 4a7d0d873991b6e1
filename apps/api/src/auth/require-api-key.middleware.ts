import type { NextFunction, Request, Response } from 'express';
import { ERROR_CODES } from '@soar/contracts';
import { matchApiKey, type ApiKeyEntry } from './api-keys';

/**
 * The API-key check for plain Express routes that Nest's guard does not see (the queue dashboard).
 * Local mode (no keys) lets everything through, as the guard does.
 */
export function requireApiKey(keys: readonly ApiKeyEntry[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (keys.length === 0 || matchApiKey(keys, req.headers.authorization) !== null) return next();
    res.setHeader('www-authenticate', 'Bearer');
    res.status(401).json({ error: { code: ERROR_CODES.unauthorized, message: 'send a valid API key as Authorization: Bearer <key>' } });
  };
}
