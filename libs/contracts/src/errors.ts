/** Stable error codes shared across libs and mapped to HTTP in one place by the API. */
export const ERROR_CODES = {
  validationFailed: 'VALIDATION_FAILED',
  invalidPlaybook: 'INVALID_PLAYBOOK',
  invalidInputs: 'INVALID_INPUTS',
  playbookNotFound: 'PLAYBOOK_NOT_FOUND',
  playbookDisabled: 'PLAYBOOK_DISABLED',
  runNotFound: 'RUN_NOT_FOUND',
  approvalNotFound: 'APPROVAL_NOT_FOUND',
  connectionNotFound: 'CONNECTION_NOT_FOUND',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  roleRequired: 'ROLE_REQUIRED',
  selfApproval: 'SELF_APPROVAL',
  apiKeyNotFound: 'API_KEY_NOT_FOUND',
  conflict: 'CONFLICT',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  tooManyRequests: 'TOO_MANY_REQUESTS',
  /** A playbook acts `run_as: starter` but the caller is not a signed-in person (an API key, local mode). */
  runAsNeedsSignedInUser: 'RUN_AS_NEEDS_SIGNED_IN_USER',
  /** A dependency (the database, the queue) is unreachable or has no free connection: retry after `Retry-After`. */
  serviceUnavailable: 'SERVICE_UNAVAILABLE',
  internal: 'INTERNAL_ERROR',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** One problem found in user input, located precisely enough to fix it. */
export interface Problem {
  /** Dotted/bracketed path inside the document or body, e.g. `steps[1].with.comment`. */
  path: string;
  message: string;
  /** 1-based line and column in the YAML source, when the input was a document. */
  line?: number;
  column?: number;
  /** Machine-readable problem class, e.g. `unknown_key`, `unknown_action`, `cycle`. */
  code?: string;
}

/** The JSON body of every 4xx/5xx answer. */
export interface ErrorBody {
  error: { code: ErrorCode | string; message: string; correlationId: string; problems?: Problem[] };
}
