/** Codes the `core.*` actions raise (as `ActionError.code`). */
export const CORE_ACTION_ERROR_CODES = {
  /** `core.fail` ended the step on purpose. */
  playbookFailed: 'PLAYBOOK_FAILED',
  approvalMissing: 'APPROVAL_MISSING',
  /** `narrow_to` named an approver the playbook's `approvers` does not list (run inputs may narrow, never add). */
  approversNotAllowed: 'APPROVERS_NOT_ALLOWED',
  subRunMissing: 'SUB_RUN_MISSING',
  subPlaybookFailed: 'SUB_PLAYBOOK_FAILED',
  webhookHostNotAllowed: 'WEBHOOK_HOST_NOT_ALLOWED',
  /** The webhook's address (after DNS) is loopback, link-local or private and not allowed. */
  webhookAddressNotAllowed: 'WEBHOOK_ADDRESS_NOT_ALLOWED',
  webhookUnreachable: 'WEBHOOK_UNREACHABLE',
  /** The webhook answered 4xx/5xx (its status is in `error.status`). */
  webhookHttpError: 'WEBHOOK_HTTP_ERROR',
} as const;
export type CoreActionErrorCode = (typeof CORE_ACTION_ERROR_CODES)[keyof typeof CORE_ACTION_ERROR_CODES];
