import type {
  Alert,
  DefenderFile,
  DefenderUser,
  DomainStats,
  FileStats,
  Indicator,
  IpStats,
  Machine,
  MachineAction,
  Software,
  Vulnerability,
} from '@soar/contracts';

export type { Alert, DefenderFile, DefenderUser, DomainStats, FileStats, Indicator, IpStats, Machine, MachineAction, Software, Vulnerability };

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

/** Indicator body as Defender takes it (camelCase; REFERENCE.md §6.2). */
export interface IndicatorBody {
  indicatorValue: string;
  indicatorType: 'FileSha1' | 'FileSha256' | 'FileMd5' | 'CertificateThumbprint' | 'IpAddress' | 'DomainName' | 'Url';
  action: 'Allowed' | 'Audit' | 'Block' | 'BlockAndRemediate' | 'Warn' | 'Alert' | 'AlertAndBlock';
  title: string;
  description: string;
  application?: string;
  expirationTime?: string;
  severity?: 'Informational' | 'Low' | 'Medium' | 'High';
  recommendedActions?: string;
  rbacGroupNames?: string[];
  educateUrl?: string;
  generateAlert?: boolean;
}

export interface IndicatorImportResult {
  id: string | null;
  indicator: string;
  isFailed: boolean;
  failureReason: string | null;
}

/** A live response command as Defender takes it: `{ type, params: [{ key, value }] }`. */
export interface LiveResponseCommand {
  type: 'PutFile' | 'RunScript' | 'GetFile';
  params: Array<{ key: string; value: string }>;
}

export interface HuntingResult {
  Schema: Array<{ Name: string; Type: string }>;
  Results: Array<Record<string, unknown>>;
  /** Present in XDR responses and some MDE ones. */
  Stats?: unknown;
}
