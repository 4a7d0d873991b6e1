/** Codes the engine itself records on steps and runs (as `error.code`). */
export const ENGINE_ERROR_CODES = {
  stepTimeout: 'STEP_TIMEOUT',
  runTimeout: 'RUN_TIMEOUT',
  unknownAction: 'UNKNOWN_ACTION',
  invalidParams: 'INVALID_PARAMS',
  noHandler: 'NO_HANDLER',
  cannotResume: 'CANNOT_RESUME',
  foreachNotAList: 'FOREACH_NOT_A_LIST',
  foreachTooManyItems: 'FOREACH_TOO_MANY_ITEMS',
  foreachItemFailed: 'FOREACH_ITEM_FAILED',
  skipped: 'SKIPPED',
  /** Fallback for an expression error without a code of its own. */
  expressionFailed: 'EXPRESSION_FAILED',
  /** The expression codes of `@soar/playbook` (EXPRESSION_ERROR_CODES), recorded when `with`, `if` or `foreach` fails. */
  expressionSyntax: 'expression_syntax',
  expressionEvaluation: 'expression_failed',
  expressionNotJson: 'expression_not_json',
  expressionNotBoolean: 'expression_not_boolean',
  /** A secret reached a place it may not flow to (only parameters an action declares secret-bearing). */
  secretNotAllowed: 'secret_not_allowed',
  /** An expression exceeded its evaluation budget (iterations or time). */
  expressionTooCostly: 'expression_too_costly',
  /** A queue job whose payload is not what the worker expects; failed at once, never retried. */
  malformedJob: 'MALFORMED_JOB',
} as const;
export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[keyof typeof ENGINE_ERROR_CODES];
