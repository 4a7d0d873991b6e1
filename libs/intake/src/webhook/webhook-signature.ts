import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-soar-signature';
export const TIMESTAMP_HEADER = 'x-soar-timestamp';
/** How far a signed request's timestamp may be from our clock: a captured request replays no later. */
export const REPLAY_WINDOW_SECONDS = 300;

/**
 * The signature a sender computes: HMAC-SHA256 with the intake secret over
 * `<unix seconds>.<raw body>`, hex, sent as `X-Soar-Signature: sha256=<hex>` with
 * `X-Soar-Timestamp: <unix seconds>` (the Stripe/Slack scheme; node:crypto is all it needs).
 */
export function signIntakeBody(secret: string, timestamp: number | string, body: Buffer | string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `sha256=${mac}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Checks the headers against the raw body; constant-time compare, and the 5-minute window. */
export function verifyIntakeSignature(input: {
  secret: string | undefined;
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
  nowMs: number;
}): SignatureCheck {
  if (!input.secret) return { ok: false, reason: 'signed intake is not configured (set INTAKE_WEBHOOK_SECRET)' };
  if (!input.timestamp || !/^\d{1,12}$/.test(input.timestamp)) return { ok: false, reason: `send ${TIMESTAMP_HEADER}: the Unix time in seconds` };
  const skew = Math.abs(input.nowMs / 1000 - Number(input.timestamp));
  if (skew > REPLAY_WINDOW_SECONDS) return { ok: false, reason: `${TIMESTAMP_HEADER} is more than ${REPLAY_WINDOW_SECONDS} s from the server clock` };
  const expected = Buffer.from(signIntakeBody(input.secret, input.timestamp, input.body));
  const presented = Buffer.from(input.signature ?? '');
  if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) {
    return { ok: false, reason: `${SIGNATURE_HEADER} does not match: HMAC-SHA256 of "<timestamp>.<body>" with the intake secret, as sha256=<hex>` };
  }
  return { ok: true };
}
