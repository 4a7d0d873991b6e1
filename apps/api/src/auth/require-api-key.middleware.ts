import type { NextFunction, Request, Response } from 'express';
import { ERROR_CODES } from '@soar/contracts';
import { matchApiKey, type ApiKeyEntry } from './api-keys';

/**
 * The API-key check for plain Express routes that Nest's guard does not see (the queue dashboard).
 * Local mode (no authentication configured) lets everything through, as the guard does; with Entra
 * sign-in alone no key can match, so the page stays closed (a browser cannot send a bearer to it).
 */
export function requireApiKey(keys: readonly ApiKeyEntry[], localMode: boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (localMode || matchApiKey(keys, req.headers.authorization) !== null) return next();
    res.setHeader('www-authenticate', 'Bearer');
    res.status(401).json({ error: { code: ERROR_CODES.unauthorized, message: 'send a valid API key as Authorization: Bearer <key>' } });
  };
}
