import type { NextFunction, Request, Response } from 'express';
import { describeAccess, ERROR_CODES, mayCall, QUEUE_DASHBOARD_ACCESS } from '@soar/contracts';
import type { ApiKeyRepository } from '@soar/persistence';
import type { ApiKeyEntry } from './api-keys';
import { authenticateApiKey } from './key-authenticator';
import { LOCAL_PRINCIPAL, setPrincipal } from './principal';

/**
 * Authentication and the policy's QUEUE_DASHBOARD_ACCESS (admin) for plain Express routes that Nest's
 * guards do not see (the queue dashboard). Local mode lets everything through, as the guards do.
 */
export function requireAdminKey(keys: readonly ApiKeyEntry[], stored: ApiKeyRepository, localMode: boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (localMode) {
      setPrincipal(req, LOCAL_PRINCIPAL);
      return next();
    }
    authenticateApiKey(keys, stored, req.headers.authorization).then(
      (principal) => {
        if (principal === null) {
          res.setHeader('www-authenticate', 'Bearer');
          res.status(401).json({ error: { code: ERROR_CODES.unauthorized, message: 'send a valid API key as Authorization: Bearer <key>' } });
          return;
        }
        setPrincipal(req, principal);
        if (mayCall(QUEUE_DASHBOARD_ACCESS, principal.roles)) return next();
        res.status(403).json({ error: { code: ERROR_CODES.roleRequired, message: `the queue dashboard needs the role ${describeAccess(QUEUE_DASHBOARD_ACCESS)}; ${principal.actor} holds ${principal.roles.join(', ') || 'no role'}` } });
      },
      (error: unknown) => next(error),
    );
  };
}
