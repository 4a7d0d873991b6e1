import { ERROR_CODES, type ErrorCode, type Problem } from '@soar/contracts';

/** An expected failure of a request, with a stable code the exception filter maps to HTTP. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems?: Problem[],
    /** For 429 and 503: sent as `Retry-After` (seconds). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  [ERROR_CODES.validationFailed]: 400,
  [ERROR_CODES.invalidPlaybook]: 400,
  [ERROR_CODES.invalidInputs]: 400,
  [ERROR_CODES.playbookNotFound]: 404,
  [ERROR_CODES.runNotFound]: 404,
  [ERROR_CODES.approvalNotFound]: 404,
  [ERROR_CODES.connectionNotFound]: 404,
  [ERROR_CODES.unauthorized]: 401,
  [ERROR_CODES.forbidden]: 403,
  [ERROR_CODES.roleRequired]: 403,
  [ERROR_CODES.selfApproval]: 403,
  [ERROR_CODES.apiKeyNotFound]: 404,
  [ERROR_CODES.runAsNeedsSignedInUser]: 403,
  [ERROR_CODES.conflict]: 409,
  [ERROR_CODES.playbookDisabled]: 409,
  [ERROR_CODES.payloadTooLarge]: 413,
  [ERROR_CODES.unsupportedMediaType]: 415,
  [ERROR_CODES.tooManyRequests]: 429,
  [ERROR_CODES.serviceUnavailable]: 503,
  [ERROR_CODES.internal]: 500,
};
