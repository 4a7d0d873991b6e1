import type { FilterFields } from '../odata/filter-evaluator';
import type { MachineActionRecord } from '../state/machine-action-record';
import { actionTimeline, type ActionTimeline } from '../state/machine-action-timeline';
import { toDefenderTime } from '../state/time';

/** HRESULTs reported for failed actions: E_FAIL and HRESULT_FROM_WIN32(ERROR_TIMEOUT). */
const HRESULT = { Failed: -2147467259, TimeOut: -2147023436 } as const;

export type MachineActionView = ReturnType<typeof renderMachineAction>;

/** The MachineAction entity with the full modern field set (samples/machineaction-isolate-pending.json). */
export function renderMachineAction(action: MachineActionRecord, now: number) {
  const t = actionTimeline(action, now);
  const cancelled = t.status === 'Cancelled' && action.cancellation;
  return {
    id: action.id,
    type: action.type,
    title: action.title,
    requestor: action.requestor,
    requestorComment: action.requestorComment,
    status: t.status,
    machineId: action.machineId,
    computerDnsName: action.computerDnsName,
    creationDateTimeUtc: toDefenderTime(action.createdAt),
    lastUpdateDateTimeUtc: toDefenderTime(t.since),
    cancellationRequestor: cancelled ? cancelled.requestor : null,
    cancellationComment: cancelled ? cancelled.comment : null,
    cancellationDateTimeUtc: cancelled ? toDefenderTime(cancelled.at) : null,
    errorHResult: t.status === 'Failed' || t.status === 'TimeOut' ? HRESULT[t.status] : 0,
    scope: action.scope,
    externalId: action.externalId,
    requestSource: 'PublicApi',
    relatedFileInfo: action.relatedFileInfo,
    commands: renderCommands(action, t, now),
    troubleshootInfo: null,
  };
}

/**
 * Live response commands run one after another inside the InProgress window; on failure the
 * last command fails and the ones before it completed (commands stop at the first failure).
 */
function renderCommands(action: MachineActionRecord, t: ActionTimeline, now: number) {
  const count = action.commands.length;
  const start = action.createdAt + action.schedule.pendingMs;
  const slot = count > 0 ? action.schedule.inProgressMs / count : 0;
  const until = t.completedAt ?? now;
  return action.commands.map((command, index) => {
    const begin = start + index * slot;
    const end = begin + slot;
    let commandStatus = 'Created';
    if (t.status === 'Succeeded' || (end <= until && t.status !== 'Pending')) commandStatus = 'Completed';
    if (t.status === 'Failed' && index === count - 1) commandStatus = 'Failed';
    const started = t.status !== 'Pending' && begin <= until;
    return {
      index,
      startTime: started ? toDefenderTime(begin) : null,
      endTime: commandStatus === 'Created' ? null : toDefenderTime(end),
      commandStatus,
      errors: commandStatus === 'Failed' ? ['The command failed to run on the device.'] : [],
      command: { type: command.type, params: command.params },
    };
  });
}

/** `$filter` properties documented for GET /api/machineactions (REFERENCE §5.2). */
export const MACHINE_ACTION_FILTER_FIELDS: FilterFields<MachineActionView> = {
  id: { kind: 'string', get: (a) => a.id },
  status: { kind: 'string', get: (a) => a.status },
  machineId: { kind: 'string', get: (a) => a.machineId },
  type: { kind: 'string', get: (a) => a.type },
  requestor: { kind: 'string', get: (a) => a.requestor },
  creationDateTimeUtc: { kind: 'datetime', get: (a) => a.creationDateTimeUtc },
};
