/**
 * Stable codes of the errors `libs/defender` raises (as `ActionError.code`). Branch on these, never
 * on message text: Defender's own messages change (REFERENCE.md §9.1).
 */
export const DEFENDER_ERROR_CODES = {
  /** The token could not be acquired (bad secret/certificate, unknown tenant or app, STS down). */
  authFailed: 'DEFENDER_AUTH_FAILED',
  /** 401: token missing, invalid or expired even after one renewal. */
  unauthorized: 'DEFENDER_UNAUTHORIZED',
  /** 403: the app lacks the application permission (or RBAC) for the call. */
  forbidden: 'DEFENDER_FORBIDDEN',
  notFound: 'DEFENDER_NOT_FOUND',
  badRequest: 'DEFENDER_BAD_REQUEST',
  conflict: 'DEFENDER_CONFLICT',
  /** 400 `ActiveRequestAlreadyExists`: an action of the same kind is already pending. */
  actionAlreadyPending: 'DEFENDER_ACTION_ALREADY_PENDING',
  /** 429 from Defender. */
  throttled: 'DEFENDER_THROTTLED',
  serverError: 'DEFENDER_SERVER_ERROR',
  networkError: 'DEFENDER_NETWORK_ERROR',
  timeout: 'DEFENDER_TIMEOUT',
  invalidResponse: 'DEFENDER_INVALID_RESPONSE',
  /** Our own limiter has no free slot for this connection and endpoint group; retry after `retryAfterMs`. */
  rateLimited: 'RATE_LIMITED',
  /** Redis behind the rate limiter did not answer; retry shortly. */
  rateLimiterUnavailable: 'DEFENDER_RATE_LIMITER_UNAVAILABLE',
  /** A machine action ended Failed, TimeOut or Cancelled. */
  actionFailed: 'DEFENDER_ACTION_FAILED',
  /** Another pending machine action blocks this request (a different one of the same kind, or the opposite state change). */
  actionConflict: 'DEFENDER_ACTION_CONFLICT',
  /** The machine's healthStatus is Inactive; the playbook did not set `allow_inactive`. */
  machineInactive: 'DEFENDER_MACHINE_INACTIVE',
  /** A download link (investigation package) stayed unavailable (404) past its bound. */
  downloadUnavailable: 'DEFENDER_DOWNLOAD_UNAVAILABLE',
  /** A machine action did not finish within the maximum wait. */
  actionWaitExceeded: 'DEFENDER_ACTION_WAIT_EXCEEDED',
  machineNotFound: 'DEFENDER_MACHINE_NOT_FOUND',
  machineAmbiguous: 'DEFENDER_MACHINE_AMBIGUOUS',
  invalidParams: 'DEFENDER_INVALID_PARAMS',
  unknownConnection: 'DEFENDER_UNKNOWN_CONNECTION',
  /** The connection's sign-in or API host is not a Microsoft cloud host nor allowed by `DEFENDER_ALLOWED_HOSTS`. */
  connectionHostNotAllowed: 'DEFENDER_CONNECTION_HOST_NOT_ALLOWED',
  /** `run_as: starter|approver`: the On-Behalf-Of exchange of the user's sign-in was refused (expired or invalid assertion). */
  delegationFailed: 'DEFENDER_DELEGATION_FAILED',
  /** `run_as: starter|approver`: the user (or an admin) has not consented to the app's delegated Defender permissions (AADSTS65001). */
  delegationConsentRequired: 'DEFENDER_DELEGATION_CONSENT_REQUIRED',
  /** `run_as: starter|approver`: the user's delegated Defender token expired (or was never stored) before the step ran. */
  delegatedTokenExpired: 'DEFENDER_DELEGATED_TOKEN_EXPIRED',
} as const;
export type DefenderErrorCode = (typeof DEFENDER_ERROR_CODES)[keyof typeof DEFENDER_ERROR_CODES];
