import { randomUUID, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyIntakeSignature } from '@soar/intake';
import { intakeWebhookSecret, type IntakeApiConfig } from './intake.config';

export const INTAKE_ALERTS_PATH = '/api/intake/alerts';

/** The alert body stays raw bytes: the signature is over exactly what was sent. */
export const intakeBodyParser = (config: IntakeApiConfig) => express.raw({ type: () => true, limit: config.INTAKE_MAX_BYTES });

/**
 * Authenticates `POST /api/intake/alerts` before anything is read or stored: a signed request must
 * carry a valid HMAC-SHA256 signature within the replay window (else 401); a bearer key from
 * `INTAKE_API_KEYS` (the intake role) is accepted too. Anything else falls through to the API-key
 * check every route has (an API key, or local mode).
 */
export function intakeAuthMiddleware(config: IntakeApiConfig) {
  const secret = intakeWebhookSecret(config);
  const keys = (config.INTAKE_API_KEYS ?? '')
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => ({ name: pair.slice(0, pair.indexOf('=')), key: Buffer.from(pair.slice(pair.indexOf('=') + 1)) }));

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
        res.status(401).json({ error: { code: 'UNAUTHORIZED', message: check.reason, correlationId: randomUUID() } });
        return;
      }
      (req as Request & { actor?: string }).actor = 'intake:signed-webhook';
      return next();
    }
    const header = req.headers.authorization ?? '';
    const presented = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    const match = keys.find((k) => k.key.length === presented.length && timingSafeEqual(k.key, presented));
    if (match) (req as Request & { actor?: string }).actor = `intake:${match.name}`;
    next();
  };
}
