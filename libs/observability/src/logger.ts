import pino from 'pino';
import { currentCorrelation } from './correlation';
import { redactCredentials, redactText } from './redact-credentials';

/**
 * Structured JSON logs. Every log object (errors included) goes through `redactCredentials`, which
 * redacts by the shape of the data, at any depth; there is no list of paths to keep up to date.
 * Every line written inside a request or job carries its correlation context (correlationId,
 * runId, stepId, attempt) through pino's mixin, so call sites need not pass it.
 */
export const createLogger = (name: string, level: string, destination?: pino.DestinationStream) =>
  pino(
    {
      name,
      level,
      mixin: () => ({ ...currentCorrelation() }),
      formatters: { log: (object) => redactCredentials(object) },
      serializers: { err: (error: unknown) => redactCredentials(error instanceof Error ? pino.stdSerializers.err(error) : error) },
      hooks: {
        // The message text too: `logger.warn(obj, \`failed: ${text}\`)` must not carry a token.
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination(1),
  );
export type Logger = ReturnType<typeof createLogger>;
