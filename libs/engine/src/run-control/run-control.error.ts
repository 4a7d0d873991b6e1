import { ERROR_CODES } from '@soar/contracts';

export const RUN_CONTROL_ERRORS = {
  runNotFound: ERROR_CODES.runNotFound,
  approvalNotFound: ERROR_CODES.approvalNotFound,
  forbidden: ERROR_CODES.forbidden,
  selfApproval: ERROR_CODES.selfApproval,
  conflict: ERROR_CODES.conflict,
} as const;
export type RunControlErrorCode = (typeof RUN_CONTROL_ERRORS)[keyof typeof RUN_CONTROL_ERRORS];

/** Why a run-control request was refused; the code is an API error code (404/403/409). */
export class RunControlError extends Error {
  constructor(
    readonly code: RunControlErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RunControlError';
  }
}
