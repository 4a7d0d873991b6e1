/**
 * Every API type the console uses, taken from the HTTP contract (@soar/contracts: zod schemas with
 * inferred DTO types) instead of hand-copied, so a contract change breaks the console's typecheck.
 * Type-only imports: they vanish from the bundle. The names are the console's own vocabulary.
 */
import type {
  ApprovalDecisionBodyDto,
  AuthConfigDto,
  MeDto,
  ApprovalDecisionDto,
  ApprovalListDto,
  CancelledRunDto,
  ErrorBodyDto,
  JsonValue,
  PlaybookDetailDto,
  PlaybookListDto,
  PlaybookSummaryDto,
  PlaybookValidationDto,
  PlaybookVersionListDto,
  RunDetailDto,
  RunEventDto,
  RunListDto,
  RunOutcome,
  RunStatus,
  RunSummaryDto,
  SavedPlaybookDto,
  StartedRunDto,
} from '@soar/contracts';

export type { JsonValue, RunOutcome, RunStatus };
export { ACTIVE_RUN_STATUSES, RUN_OUTCOMES, RUN_STATUSES } from './run-states';

/** `{"error": {...}}` of every 4xx/5xx answer. */
export type AuthConfig = AuthConfigDto;
/** Who the API takes the signed-in user (or key) to be. */
export type Me = MeDto;
export type ErrorBody = ErrorBodyDto;
export type Problem = NonNullable<ErrorBody['error']['problems']>[number];

export type PlaybookSummary = PlaybookSummaryDto;
export type PlaybookList = PlaybookListDto;
export type PlaybookDetail = PlaybookDetailDto;
export type InputDeclaration = PlaybookDetail['inputs'][number];
export type PlaybookVersion = PlaybookVersionListDto['items'][number];
export type PlaybookVersionList = PlaybookVersionListDto;
/** `POST /api/playbooks/validate`: the save-time check without saving. */
export type ValidatePlaybookResponse = PlaybookValidationDto;
export type SavePlaybookResponse = SavedPlaybookDto;

export type StartRunResponse = StartedRunDto;
export type RunSummary = RunSummaryDto;
export type RunList = RunListDto;
/** What started a run; manual runs are `{type: "manual"}`, older runs may have none. */
export type RunTrigger = NonNullable<RunSummary['trigger']>;
export type RunDetail = RunDetailDto;
export type RunStep = RunDetail['steps'][number];
export type StepAttempt = RunStep['history'][number];
/** One server-sent event of `GET /api/runs/{id}/events` (its `data`). */
export type RunEvent = RunEventDto;
export type CancelRunResponse = CancelledRunDto;

export type ApprovalList = ApprovalListDto;
export type PendingApproval = ApprovalList['items'][number];
export type DecisionRequest = ApprovalDecisionBodyDto;
export type DecisionResponse = ApprovalDecisionDto;
