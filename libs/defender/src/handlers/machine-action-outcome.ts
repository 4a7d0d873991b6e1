import {
  ActionError,
  DEFENDER_ERROR_CODES,
  MACHINE_ACTION_SUCCESS_RESULTS,
  type ActionOutcome,
  type JsonValue,
  type MachineActionResult,
  type MachineActionResultOutput,
} from '@soar/contracts';
import type { MachineAction } from '../defender.types';
import { asJson } from './params';

/** How a machine-action step ends when the result is not a success (see `on_unsuccessful`). */
export type OnUnsuccessful = 'fail' | 'report';

const ERROR_CODE: Record<string, string> = {
  conflict: DEFENDER_ERROR_CODES.actionConflict,
  failed: DEFENDER_ERROR_CODES.actionFailed,
  cancelled: DEFENDER_ERROR_CODES.actionFailed,
  timed_out: DEFENDER_ERROR_CODES.actionFailed,
};

/** The step output for `result`, about `action` (null when no action is involved). */
export function resultOutput(
  result: MachineActionResult,
  machineId: string,
  action: MachineAction | null,
  reason: string,
  extra: { adopted?: boolean; cancelledInDefender?: boolean } = {},
): MachineActionResultOutput {
  const a = action as (MachineAction & { requestor?: unknown }) | null;
  return {
    result,
    reason,
    machineId,
    actionId: a?.id ?? null,
    type: a?.type ?? null,
    status: a?.status ?? null,
    requestor: typeof a?.requestor === 'string' ? a.requestor : null,
    already: result === 'already',
    ...(extra.adopted ? { adopted: true } : {}),
    ...(extra.cancelledInDefender ? { cancelledInDefender: true } : {}),
    action: a,
  };
}

/**
 * Success results end the step with the output; the others too when the playbook asked to
 * `report` them, otherwise they fail the step (terminal) with the same object in `details`, so
 * `steps.<id>.error.details.result` tells an `on_error: continue` playbook what happened.
 */
export function finishWith(output: MachineActionResultOutput, onUnsuccessful: OnUnsuccessful, errorCode?: string): ActionOutcome {
  if (MACHINE_ACTION_SUCCESS_RESULTS.includes(output.result) || onUnsuccessful === 'report') {
    return { kind: 'done', output: asJson(output) };
  }
  const detail = output.actionId ? `Defender ${output.type} action ${output.actionId} on machine ${output.machineId}` : `Machine ${output.machineId}`;
  throw new ActionError(errorCode ?? ERROR_CODE[output.result] ?? DEFENDER_ERROR_CODES.actionFailed, `${detail}: ${output.result} (${output.reason})`, false, {
    details: { ...(output as unknown as Record<string, JsonValue>), machineActionId: output.actionId, action: null } as JsonValue,
  });
}

/** Result of a finished Defender status. */
export function resultOfStatus(status: string, adoptedFromOther: boolean): MachineActionResult {
  switch (status) {
    case 'Succeeded':
      return adoptedFromOther ? 'adopted' : 'done';
    case 'TimeOut':
      return 'timed_out';
    case 'Cancelled':
      return 'cancelled';
    default:
      return 'failed';
  }
}
