import pino from 'pino';

/** Structured logs; anything that could carry a credential is redacted by key, wherever it sits. */
export const createLogger = (name: string, level: string) =>
  pino({
    name,
    level,
    redact: {
      paths: ['*.clientSecret', '*.client_secret', '*.authorization', '*.Authorization', '*.accessToken', '*.access_token', '*.token', '*.password', '*.secret'],
      censor: '[redacted]',
    },
  });
export type Logger = ReturnType<typeof createLogger>;
