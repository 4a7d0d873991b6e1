/**
 * An expected Defender API failure. Handlers throw it; the dispatcher renders it as
 * `{ "error": { code, message, target } }` (REFERENCE §9.1).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (code: string, message: string): ApiError => new ApiError(400, code, message);
export const invalidBody = (message = 'Request body is incorrect'): ApiError => new ApiError(400, 'InvalidRequestBody', message);
export const notFound = (message: string, code = 'NotFound'): ApiError => new ApiError(404, code, message);
export const odataError = (message: string): ApiError => new ApiError(400, 'ODataError', message);
