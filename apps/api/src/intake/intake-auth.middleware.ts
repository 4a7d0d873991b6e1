import express, { type NextFunction, type Request, type Response } from 'express';
import { ERROR_CODES } from '@soar/contracts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyIntakeSignature } from '@soar/intake';
import { matchApiKey, parseApiKeys } from '../auth/api-keys';
import { setPrincipal } from '../auth/principal';
import { intakeWebhookSecret, type IntakeApiConfig } from './intake.config';

export const INTAKE_ALERTS_PATH = '/api/intake/alerts';

/** The alert body stays raw bytes: the signature is over exactly what was sent. */
export const intakeBodyParser = (config: IntakeApiConfig) => express.raw({ type: () => true, limit: config.INTAKE_MAX_BYTES });

/**
 * Authenticates `POST /api/intake/alerts` before anything is stored: a signed request must carry a
 * valid HMAC-SHA256 signature within the replay window (else 401); a bearer key from
 * `INTAKE_API_KEYS` (good for this route only) is accepted too. Anything else falls through to the
 * API-key guard every route has (an API key, or local mode).
 */
export function intakeAuthMiddleware(config: IntakeApiConfig) {
  const secret = intakeWebhookSecret(config);
  const parsed = parseApiKeys(config.INTAKE_API_KEYS);
  // Validated at start (intake.config); an invalid list here is a wiring bug.
  const keys = parsed.ok ? parsed.entries : [];

  return (req: Request, res: Response, next: NextFunction): void => {
    const signature = req.headers[SIGNATURE_HEADER];
    const timestamp = req.headers[TIMESTAMP_HEADER];
    if (signature !== undefined || timestamp !== undefined) {
      const check = verifyIntakeSignature({
        secret,
        signature: typeof signature === 'string' ? signature : undefined,
        timestamp: typeof timestamp === 'string' ? timestamp : undefined,
        body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        nowMs: Date.now(),
      });
      if (!check.ok) {
        res.status(401).json({ error: { code: ERROR_CODES.unauthorized, message: check.reason, correlationId: res.getHeader('x-correlation-id') ?? null } });
        return;
      }
      setPrincipal(req, { actor: 'intake:signed-webhook', roles: ['intake'], source: 'intake' });
      return next();
    }
    const name = matchApiKey(keys, req.headers.authorization);
    if (name !== null) setPrincipal(req, { actor: `intake:${name}`, roles: ['intake'], source: 'intake' });
    next();
  };
}
