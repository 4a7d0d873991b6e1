import pino from 'pino';
import { currentCorrelation } from './correlation';

/**
 * Keys whose values are credentials, wherever they sit (top level, one or two levels down, and the
 * request headers pino-http logs). Censored before serialization, so no credential object can be
 * logged whole either: `credential` itself is on the list.
 */
const SECRET_KEYS = ['clientSecret', 'client_secret', 'authorization', 'Authorization', 'accessToken', 'access_token', 'token', 'password', 'secret', 'credential', 'privateKeyPem', 'cookie'];
export const REDACTED_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  'req.headers["x-api-key"]',
];

/**
 * Structured JSON logs. Every line written inside a request or job carries its correlation context
 * (correlationId, runId, stepId, attempt) through pino's mixin, so call sites need not pass it.
 */
export const createLogger = (name: string, level: string, destination?: pino.DestinationStream) =>
  pino(
    {
      name,
      level,
      mixin: () => ({ ...currentCorrelation() }),
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination ?? pino.destination(1),
  );
export type Logger = ReturnType<typeof createLogger>;
