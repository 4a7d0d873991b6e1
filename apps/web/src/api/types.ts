/**
 * Every API type the console uses, mirroring today's responses (apps/api/src controllers and views,
 * libs/persistence run/approval views). One file on purpose: at merge it is replaced by imports
 * from @soar/contracts, where the HTTP contract is written as zod schemas.
 */
import type { InputDeclaration } from '@soar/playbook/browser';

export type { InputDeclaration };
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const RUN_STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const ACTIVE_RUN_STATUSES: readonly string[] = ['queued', 'running', 'waiting'];
/** Set on finished runs by the engine branch (see shared decisions); absent on older APIs. */
export const RUN_OUTCOMES = ['succeeded', 'partial', 'no_op', 'rejected', 'expired', 'failed', 'cancelled'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

/** `{"error": {...}}` of every 4xx/5xx answer. */
export interface Problem {
  path: string;
  message: string;
  line?: number;
  column?: number;
  code?: string;
}
export interface ErrorBody {
  error: { code: string; message: string; correlationId: string; problems?: Problem[] };
}

export interface PlaybookSummary {
  name: string;
  title: string;
  description?: string;
  tags?: string[];
  enabled: boolean;
  version: number;
  sha256: string;
  savedBy: string;
  savedAt: string;
}
export interface PlaybookList {
  items: PlaybookSummary[];
}
export interface PlaybookDetail extends PlaybookSummary {
  inputs: InputDeclaration[];
  triggers: { type: string; [key: string]: JsonValue }[];
  definition: { steps: { id: string; action: string; needs?: string[] }[]; [key: string]: unknown };
  source: string;
}
export interface PlaybookVersion {
  version: number;
  sha256: string;
  savedBy: string;
  savedAt: string;
}
export interface PlaybookVersionList {
  items: PlaybookVersion[];
}
/** `POST /api/playbooks/validate`: the save-time check without saving. */
export interface ValidatePlaybookResponse {
  valid: boolean;
  name?: string;
  title?: string;
  problems: Problem[];
}
export interface SavePlaybookResponse extends PlaybookSummary {
  created: boolean;
}

export interface StartRunResponse {
  runId: string;
  playbook: string;
  version: number;
  status: RunStatus;
  links: { run: string };
}

/** What started a run (intake branch); manual runs are `{type: "manual"}`. */
export interface RunTrigger {
  type: 'manual' | 'alert' | 'schedule' | string;
  source?: string;
  connection?: string;
  alertId?: string;
  alertVersion?: string;
  schedule?: string;
}

export interface RunSummary {
  id: string;
  playbook: string;
  version: number;
  status: RunStatus;
  /** Lifecycle reason (cancelled by …, re-run requested by …); the outcome's reason once finished. */
  reason: string | null;
  outcome?: RunOutcome | null;
  trigger?: RunTrigger | JsonValue;
  startedBy: string;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
}
export interface RunList {
  items: RunSummary[];
  nextCursor: string | null;
}

export interface StepAttempt {
  attempt: number;
  status: string;
  workerId: string;
  params: JsonValue;
  output: JsonValue;
  error: JsonValue;
  startedAt: string;
  endedAt: string | null;
}
export interface RunStep {
  id: string;
  action: string;
  status: string;
  attempts: number;
  params: JsonValue;
  output: JsonValue;
  error: JsonValue;
  waitingFor: { reason: string; resumeAt: string } | null;
  startedAt: string | null;
  endedAt: string | null;
  history: StepAttempt[];
}
export interface RunDetail extends RunSummary {
  inputs: JsonValue;
  outputs: JsonValue;
  error: JsonValue;
  steps: RunStep[];
}
/** One server-sent event of `GET /api/runs/{id}/events` (its `data`). */
export interface RunEvent {
  id: string;
  type: string;
  runId: string;
  at: string;
  data: JsonValue;
}
export interface CancelRunResponse {
  id: string;
  status: 'cancelled';
  reason: string;
}

export interface PendingApproval {
  id: string;
  runId: string;
  stepId: string;
  playbook: string;
  prompt: string;
  approvers: string[];
  defaultDecision: string | null;
  createdAt: string;
  expiresAt: string;
}
export interface ApprovalList {
  items: PendingApproval[];
}
export interface DecisionRequest {
  decision: 'approve' | 'reject';
  comment?: string;
}
export interface DecisionResponse {
  id: string;
  runId: string;
  stepId: string;
  decision: 'approve' | 'reject';
  decidedBy: string;
  decidedAt: string;
}
