import type { Alert, Machine, MachineAction } from '@soar/contracts';

export type { Alert, Machine, MachineAction };

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

/** Statuses after which a machine action never changes again. */
export const TERMINAL_MACHINE_ACTION_STATUSES = ['Succeeded', 'Failed', 'TimeOut', 'Cancelled'] as const;

export interface AlertPatch {
  status?: 'New' | 'InProgress' | 'Resolved';
  assignedTo?: string;
  classification?: 'TruePositive' | 'InformationalExpectedActivity' | 'FalsePositive';
  determination?: string;
  comment?: string;
}

/** OData list options shared by the collection endpoints. */
export interface ListOptions {
  /** OData `$filter`, e.g. `status eq 'New'`. */
  filter?: string;
  /** `$top`: page size asked of Defender (≤ 10,000). */
  top?: number;
  /** `$skip`. */
  skip?: number;
  /** Stop following `@odata.nextLink` once this many items are collected. Default: `top` when given, else every page. */
  limit?: number;
}
