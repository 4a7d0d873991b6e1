/** Machine action types (REFERENCE §5.3). */
export const MACHINE_ACTION_TYPES = [
  'RunAntiVirusScan',
  'Offboard',
  'LiveResponse',
  'CollectInvestigationPackage',
  'Isolate',
  'Unisolate',
  'StopAndQuarantineFile',
  'RestrictCodeExecution',
  'UnrestrictCodeExecution',
] as const;
export type MachineActionType = (typeof MACHINE_ACTION_TYPES)[number];

export const TERMINAL_STATUSES = ['Succeeded', 'Failed', 'TimeOut', 'Cancelled'] as const;
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];
export type MachineActionStatus = 'Pending' | 'InProgress' | TerminalStatus;
/** `stay-pending` models a device that never picks the action up (offline, never checks in). */
export type ActionOutcome = TerminalStatus | 'stay-pending';

export interface LiveResponseCommand {
  type: string;
  params: { key: string; value: string }[];
}

/**
 * A stored machine action. Status is NOT stored: it is computed from `createdAt` and the schedule
 * snapshot (see machine-action-timeline.ts), so no timers run per action and the state is right
 * however long the simulator was busy.
 */
export interface MachineActionRecord {
  id: string;
  type: MachineActionType;
  scope: string | null;
  title: string | null;
  requestor: string;
  requestorComment: string;
  machineId: string;
  computerDnsName: string;
  createdAt: number;
  /** Schedule at creation; runtime schedule changes do not move existing actions. */
  schedule: { pendingMs: number; inProgressMs: number };
  outcome: ActionOutcome;
  externalId: string | null;
  relatedFileInfo: { fileIdentifier: string; fileIdentifierType: 'Sha1' | 'Sha256' | 'Md5' } | null;
  commands: LiveResponseCommand[];
  cancellation: { at: number; requestor: string; comment: string | null } | null;
}
