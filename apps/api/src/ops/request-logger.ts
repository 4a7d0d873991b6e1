import { pinoHttp } from 'pino-http';
import type { Logger } from '@soar/observability';

/**
 * One JSON line per HTTP request (pino-http) on the API's logger, so it shares its redaction
 * (authorization and cookie headers are censored) and its correlation mixin. Probes and scrapes
 * are not logged: they arrive every few seconds and say nothing.
 */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req) => String(req.headers['x-correlation-id']),
    autoLogging: { ignore: (req) => /^\/(health|metrics)(\/|$)/.test(req.url ?? '') },
    // A 4xx is the caller's mistake, answered with what and where: worth a line, not an alert.
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
