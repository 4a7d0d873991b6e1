import type { MachineActionRecord, MachineActionStatus } from './machine-action-record';

export interface ActionTimeline {
  status: MachineActionStatus;
  /** When the current status began (ms since epoch): the action's lastUpdateDateTimeUtc. */
  since: number;
  /** When the action reached its terminal status, if it has. */
  completedAt: number | null;
}

/** Pending -> InProgress -> outcome, derived from timestamps only. */
export function actionTimeline(action: MachineActionRecord, now: number): ActionTimeline {
  const pendingEnd = action.createdAt + action.schedule.pendingMs;
  const progressEnd = pendingEnd + action.schedule.inProgressMs;
  if (action.cancellation && action.cancellation.at <= now) {
    return { status: 'Cancelled', since: action.cancellation.at, completedAt: action.cancellation.at };
  }
  if (action.outcome === 'stay-pending' || now < pendingEnd) {
    return { status: 'Pending', since: action.createdAt, completedAt: null };
  }
  if (now < progressEnd) return { status: 'InProgress', since: pendingEnd, completedAt: null };
  return { status: action.outcome, since: progressEnd, completedAt: progressEnd };
}

export function isActive(status: MachineActionStatus): boolean {
  return status === 'Pending' || status === 'InProgress';
}
