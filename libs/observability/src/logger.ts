import pino from 'pino';
import { redactCredentials, redactText } from './redact-credentials';

/**
 * Structured logs. Every log object (errors included) goes through `redactCredentials`, which
 * redacts by the shape of the data, at any depth; there is no list of paths to keep up to date.
 */
export const createLogger = (name: string, level: string, destination?: pino.DestinationStream) =>
  pino(
    {
      name,
      level,
      formatters: { log: (object) => redactCredentials(object) },
      serializers: { err: (error: unknown) => redactCredentials(error instanceof Error ? pino.stdSerializers.err(error) : error) },
      hooks: {
        // The message text too: `logger.warn(obj, \`failed: ${text}\`)` must not carry a token.
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
export type Logger = ReturnType<typeof createLogger>;
