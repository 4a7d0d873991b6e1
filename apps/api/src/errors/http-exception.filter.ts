import { randomUUID } from 'node:crypto';
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ERROR_CODES, type ErrorBody } from '@soar/contracts';
import { AppError, HTTP_STATUS_BY_CODE } from './app-error';
import { DEPENDENCY_RETRY_AFTER_SECONDS, isDependencyUnavailable } from './dependency-unavailable';
import type { Logger } from '@soar/observability';

/** Body-parser failures carry a `type`; map them to what the client did wrong. */
const BODY_PARSER_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.too.large': { status: 413, code: ERROR_CODES.payloadTooLarge, message: 'request body is too large' },
  'entity.parse.failed': { status: 400, code: ERROR_CODES.validationFailed, message: 'request body is not valid JSON' },
  'encoding.unsupported': { status: 415, code: ERROR_CODES.unsupportedMediaType, message: 'unsupported body encoding' },
  'charset.unsupported': { status: 415, code: ERROR_CODES.unsupportedMediaType, message: 'unsupported body charset; send UTF-8' },
  'request.size.invalid': { status: 400, code: ERROR_CODES.validationFailed, message: 'request body length does not match Content-Length' },
  'request.aborted': { status: 400, code: ERROR_CODES.validationFailed, message: 'request body was cut off' },
};

/**
 * The one place errors become HTTP: expected errors keep their code and problems; anything else is
 * a 500 whose details stay in the log (never in the response) under the correlation id.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const correlationId = (request.headers['x-correlation-id'] as string | undefined)?.slice(0, 100) || randomUUID();
    const { status, body, retryAfterSeconds } = this.describe(exception, correlationId, request.headers['content-encoding']);
    if (status >= 500) this.logger.error({ err: exception, correlationId, path: request.path }, 'request failed');
    response.setHeader('x-correlation-id', correlationId);
    // The audit row of a refused write records the code (audit-recorder.ts), never the message.
    if (response.locals['audit']) response.locals['audit'].errorCode = body.error.code;
    if (retryAfterSeconds !== undefined) response.setHeader('retry-after', String(retryAfterSeconds));
    response.status(status).json(body);
  }

  private describe(exception: unknown, correlationId: string, encoding?: string): { status: number; body: ErrorBody; retryAfterSeconds?: number } {
    if (exception instanceof AppError) {
      return {
        ...(exception.retryAfterSeconds !== undefined ? { retryAfterSeconds: exception.retryAfterSeconds } : {}),
        status: HTTP_STATUS_BY_CODE[exception.code],
        body: { error: { code: exception.code, message: exception.message, correlationId, ...(exception.problems ? { problems: exception.problems } : {}) } },
      };
    }
    const parserError = BODY_PARSER_ERRORS[(exception as { type?: string })?.type ?? ''];
    if (parserError) {
      return { status: parserError.status, body: { error: { code: parserError.code, message: parserError.message, correlationId } } };
    }
    // Other body-parser failures (a gzip/deflate/br body that does not decompress) are client errors it marks as exposable.
    const exposed = exception as { status?: unknown; expose?: unknown; message?: unknown };
    if (exposed?.expose === true && typeof exposed.status === 'number' && exposed.status >= 400 && exposed.status < 500 && !(exception instanceof HttpException)) {
      const message = `request body could not be read (${encoding ? `Content-Encoding ${encoding.slice(0, 40)}: ` : ''}${String(exposed.message).slice(0, 200)})`;
      return { status: exposed.status, body: { error: { code: exposed.status === 413 ? ERROR_CODES.payloadTooLarge : ERROR_CODES.validationFailed, message, correlationId } } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 404 ? 'NOT_FOUND' : status === 405 ? 'METHOD_NOT_ALLOWED' : status < 500 ? 'BAD_REQUEST' : ERROR_CODES.internal;
      return { status, body: { error: { code, message: status < 500 ? exception.message : 'internal error', correlationId } } };
    }
    if (isDependencyUnavailable(exception)) {
      const message = `the service could not complete this request now: its database or queue is busy or unreachable; retry in ${DEPENDENCY_RETRY_AFTER_SECONDS} s`;
      return { status: 503, retryAfterSeconds: DEPENDENCY_RETRY_AFTER_SECONDS, body: { error: { code: ERROR_CODES.serviceUnavailable, message, correlationId } } };
    }
    return { status: 500, body: { error: { code: ERROR_CODES.internal, message: 'internal error', correlationId } } };
  }
}
