import { DEFENDER_ERROR_CODES, type DefenderErrorCode } from '../actions/defender/defender-error-codes';
import { ERROR_CODES, type ErrorCode } from '../errors';
import { CORE_ACTION_ERROR_CODES, type CoreActionErrorCode } from './core-action-error-codes';
import { ENGINE_ERROR_CODES, type EngineErrorCode } from './engine-error-codes';

export const ERROR_FAMILIES = ['engine', 'core', 'defender', 'api'] as const;
export type ErrorFamily = (typeof ERROR_FAMILIES)[number];

/** Whether the engine retries a step failing with the code (`retry.on` can only narrow this). */
export type Retryable = 'yes' | 'no' | 'depends';

export interface ErrorCodeDoc {
  code: string;
  family: ErrorFamily;
  retryable: Retryable;
  description: string;
}

type Docs<C extends string> = Record<C, [Retryable, string]>;

const engine: Docs<EngineErrorCode> = {
  STEP_TIMEOUT: ['yes', "The step's attempt ran past its `timeout_seconds` (or the 5-minute default for one call)."],
  RUN_TIMEOUT: ['no', "The run ran past the playbook's `timeout_seconds`, waits included; the run fails at once."],
  UNKNOWN_ACTION: ['no', 'The step names an action that is not in the catalog (a playbook saved before the action was removed).'],
  INVALID_PARAMS: ['no', "The step's evaluated parameters do not fit the action's schema; `details` lists each problem."],
  NO_HANDLER: ['no', 'No worker handler is registered for the action (a deployment mismatch).'],
  CANNOT_RESUME: ['no', 'The action returned a wait but has no resume (a handler bug).'],
  FOREACH_NOT_A_LIST: ['no', '`foreach.items` did not evaluate to a list.'],
  FOREACH_TOO_MANY_ITEMS: ['no', '`foreach.items` gave more items than the limit (1,000).'],
  FOREACH_ITEM_FAILED: ['no', 'At least one item of a foreach step did not succeed; `items` lists them.'],
  SKIPPED: ['no', 'Recorded on skipped steps with why (a false `if`, a dependency that did not succeed); not a failure.'],
  EXPRESSION_FAILED: ['no', 'An expression failed without a more precise code.'],
  expression_syntax: ['no', 'An expression cannot be parsed (normally caught when the playbook is saved).'],
  expression_failed: ['no', 'An expression failed while evaluating: a missing key, wrong operand types, division by zero.'],
  expression_not_json: ['no', 'An expression produced a value JSON cannot hold.'],
  expression_not_boolean: ['no', 'An `if` condition produced something other than true or false.'],
  secret_not_allowed: ['no', 'A secret (or a value computed from one) reached a place secrets may not flow: only parameters an action declares secret-bearing (`GET /api/actions` → `secretParams`). Nothing was sent.'],
  expression_too_costly: ['no', 'An expression exceeded its evaluation budget (100,000 iterations or 2 s); the step fails at once and other runs are not held up.'],
  MALFORMED_JOB: ['no', 'A queue job carried a payload the worker cannot use; it fails once and is never retried.'],
};

const core: Docs<CoreActionErrorCode> = {
  PLAYBOOK_FAILED: ['no', '`core.fail` ended the step (and by default the run) with its message.'],
  APPROVAL_MISSING: ['no', 'The approval a `core.approval` step waits for no longer exists.'],
  APPROVERS_NOT_ALLOWED: ['no', "`core.approval`'s `narrow_to` (from run inputs) named someone the playbook's `approvers` does not list: inputs may narrow the approvers, never add to them."],
  SUB_RUN_MISSING: ['no', 'The sub-playbook run a `core.playbook` step waits for no longer exists.'],
  SUB_PLAYBOOK_FAILED: ['no', 'The sub-playbook run ended failed or cancelled; `details.error` holds its error.'],
  WEBHOOK_HOST_NOT_ALLOWED: ['no', "`core.webhook`'s host is not in `WEBHOOK_ALLOWED_HOSTS`."],
  WEBHOOK_ADDRESS_NOT_ALLOWED: ['no', "`core.webhook`'s address, after DNS resolution, is loopback, link-local or private and not allow-listed (`WEBHOOK_ALLOWED_HOSTS`, `WEBHOOK_PRIVATE_NETWORKS`)."],
  WEBHOOK_UNREACHABLE: ['yes', 'The webhook did not answer (connection refused, DNS, timeout).'],
  WEBHOOK_HTTP_ERROR: ['depends', 'The webhook answered 4xx/5xx (`status`); 429 and 5xx are retried, other 4xx are not.'],
};

const defender: Docs<DefenderErrorCode> = {
  DEFENDER_AUTH_FAILED: ['depends', 'No token: bad secret or certificate, unknown tenant or app (terminal), or the token service is down (retried).'],
  DEFENDER_UNAUTHORIZED: ['no', 'Defender answered 401 even after one token renewal.'],
  DEFENDER_FORBIDDEN: ['no', 'Defender answered 403: the app lacks the application permission (see docs/defender-permissions.md), or, for a step acting as a person (`run_as`), their delegated permission, Defender role or device groups do not allow the call; Defender\'s own message is kept.'],
  DEFENDER_NOT_FOUND: ['no', 'Defender answered 404: the alert, machine or action does not exist.'],
  DEFENDER_BAD_REQUEST: ['no', 'Defender rejected the request (400); its own code and message are in `details`.'],
  DEFENDER_CONFLICT: ['no', 'Defender answered 409.'],
  DEFENDER_ACTION_ALREADY_PENDING: ['depends', 'An action of the same kind is already pending on the machine; it is adopted, or retried shortly when none is found.'],
  DEFENDER_THROTTLED: ['yes', 'Defender answered 429; retried after its Retry-After.'],
  DEFENDER_SERVER_ERROR: ['yes', 'Defender answered 5xx.'],
  DEFENDER_NETWORK_ERROR: ['yes', 'The call did not reach Defender or the answer was lost.'],
  DEFENDER_TIMEOUT: ['yes', 'Defender (or the token service) did not answer in time.'],
  DEFENDER_INVALID_RESPONSE: ['no', 'Defender answered with a body that does not match its documented shape.'],
  RATE_LIMITED: ['yes', "Our own limiter had no free slot for Defender's quota; the step waits durably and nothing was sent."],
  DEFENDER_RATE_LIMITER_UNAVAILABLE: ['yes', 'Redis behind the rate limiter did not answer.'],
  DEFENDER_ACTION_FAILED: ['no', 'The machine action ended Failed, TimeOut or Cancelled in Defender.'],
  DEFENDER_ACTION_WAIT_EXCEEDED: ['no', 'The machine action did not finish within the maximum wait.'],
  DEFENDER_MACHINE_NOT_FOUND: ['no', 'No machine matches the given hostname.'],
  DEFENDER_MACHINE_AMBIGUOUS: ['no', 'Several machines match the given hostname.'],
  DEFENDER_INVALID_PARAMS: ['no', "The parameters do not fit the Defender action's schema."],
  DEFENDER_UNKNOWN_CONNECTION: ['no', "The playbook's `connection` is not configured."],
  DEFENDER_ACTION_CONFLICT: ['no', 'Another pending machine action blocks this request (a different one of the same kind, or the opposite state change); reported with its id, type and requestor, never answered by sending again.'],
  DEFENDER_MACHINE_INACTIVE: ['no', "The machine's healthStatus is Inactive; nothing was sent (set `allow_inactive: true` to act anyway)."],
  DEFENDER_DOWNLOAD_UNAVAILABLE: ['no', 'A download link (investigation package, live-response file) stayed unavailable (404) past its bound.'],
  DEFENDER_CONNECTION_HOST_NOT_ALLOWED: ['no', "The connection's `authorityHost` or `apiBaseUrl` is neither a Microsoft cloud host nor allowed by `DEFENDER_ALLOWED_HOSTS`; no credential is sent there."],
  DEFENDER_DELEGATION_FAILED: ['no', "`run_as: starter|approver`: Entra refused to exchange the person's sign-in for a Defender token On-Behalf-Of them (an expired or invalid sign-in, an app not allowed to exchange it); the step fails and never falls back to the app identity."],
  DEFENDER_DELEGATION_CONSENT_REQUIRED: ['no', "`run_as: starter|approver`: the person (or an admin for the tenant) has not consented to the app's delegated Defender permissions (AADSTS65001); the step fails and never falls back to the app identity."],
  DEFENDER_DELEGATED_TOKEN_EXPIRED: ['no', "`run_as: starter|approver`: the person's delegated Defender token (exchanged when the run started or the approval was given, kept about an hour) expired before the step ran; start the run again (or decide again) to act as them."],
};

const api: Docs<ErrorCode> = {
  VALIDATION_FAILED: ['no', 'HTTP 400: a request body, path or query parameter is invalid; `problems` says what and where.'],
  INVALID_PLAYBOOK: ['no', 'HTTP 400: the playbook YAML has problems, each with its line and column.'],
  INVALID_INPUTS: ['no', 'HTTP 400 (or a `core.playbook` step failure): the run inputs do not fit the playbook.'],
  PLAYBOOK_NOT_FOUND: ['no', 'HTTP 404 (or a `core.playbook` step failure): no such playbook.'],
  PLAYBOOK_DISABLED: ['no', 'HTTP 409 (or a `core.playbook` step failure): the playbook is disabled.'],
  RUN_NOT_FOUND: ['no', 'HTTP 404: no such run.'],
  APPROVAL_NOT_FOUND: ['no', 'HTTP 404: no such approval.'],
  CONNECTION_NOT_FOUND: ['no', 'HTTP 404: no such Defender connection.'],
  UNAUTHORIZED: ['no', 'HTTP 401: no valid API key (or it is expired or revoked).'],
  FORBIDDEN: ['no', 'HTTP 403: the caller may not do this (e.g. is not one of the approvers).'],
  ROLE_REQUIRED: ['no', 'HTTP 403: the route needs a role the caller does not hold; the message names the roles that may (see docs/access.md).'],
  SELF_APPROVAL: ['no', "HTTP 403: the run's starter may not approve its own run (four eyes); another approver must, unless the step says `allow_self_approval: true`."],
  API_KEY_NOT_FOUND: ['no', 'HTTP 404: no such stored API key.'],
  CONFLICT: ['no', 'HTTP 409: the target is not in a state that allows the request (a finished run, a decided approval).'],
  PAYLOAD_TOO_LARGE: ['no', 'HTTP 413: the body is over the limit.'],
  UNSUPPORTED_MEDIA_TYPE: ['no', 'HTTP 415: wrong Content-Type.'],
  TOO_MANY_REQUESTS: ['yes', 'HTTP 429: a cap is reached (open event streams per identity or in total, runs queued or running); retry after the `Retry-After` seconds.'],
  RUN_AS_NEEDS_SIGNED_IN_USER: ['no', 'HTTP 403: the playbook has Defender steps with `run_as: starter` (acting as the person who starts the run), but the run was started with an API key or in local mode; sign in with Entra ID to start it, or give the steps `run_as: app`.'],
  SERVICE_UNAVAILABLE: ['yes', 'HTTP 503: the database or the queue is unreachable, or every database connection is busy (a burst); retry after the `Retry-After` seconds.'],
  INTERNAL_ERROR: ['no', 'HTTP 500: a bug; the correlation id finds it in the logs.'],
};

const entries = (family: ErrorFamily, docs: Record<string, [Retryable, string]>): ErrorCodeDoc[] =>
  Object.entries(docs).map(([code, [retryable, description]]) => ({ code, family, retryable, description }));

/** Every error code the service records or answers with, by family, each documented (docs/error-codes.md). */
export const ERROR_CODE_CATALOG: readonly ErrorCodeDoc[] = [...entries('engine', engine), ...entries('core', core), ...entries('defender', defender), ...entries('api', api)];

/** The codes a step can fail with, i.e. what `retry.on` may name. */
export const STEP_ERROR_CODES: readonly string[] = ERROR_CODE_CATALOG.filter((e) => e.family !== 'api' || ['INVALID_INPUTS', 'PLAYBOOK_NOT_FOUND', 'PLAYBOOK_DISABLED'].includes(e.code)).map((e) => e.code);

export const ERROR_CODE_FAMILIES = { engine: ENGINE_ERROR_CODES, core: CORE_ACTION_ERROR_CODES, defender: DEFENDER_ERROR_CODES, api: ERROR_CODES } as const;

/** The family of a code, or undefined for a code outside the catalog. */
export const errorFamilyOf = (code: string): ErrorFamily | undefined => ERROR_CODE_CATALOG.find((e) => e.code === code)?.family;
