import type { JsonValue, Problem, RuleOutcome, RunAs, StepWaitSpec } from '@soar/contracts';

/**
 * The normalized, JSON-serializable form of a playbook: what `parsePlaybook` returns, what the API
 * stores in Postgres and what the engine runs. Every default is filled in, so consumers never need
 * to know the YAML shortcuts (see README.md for the YAML language itself).
 */
export interface PlaybookDefinition {
  name: string;
  title: string;
  description: string;
  version_notes?: string;
  tags: string[];
  /** Defender connection name; `default` when the YAML omits it. */
  connection: string;
  /** Limit for the whole run, waits included; past it the run fails at once. */
  timeout_seconds?: number;
  /** Whose identity Defender steps act with unless a step says otherwise; absent = `app`. */
  run_as?: RunAs;
  /** In declared order (`order` is the position, 0-based). */
  inputs: InputDeclaration[];
  /** Rules across inputs, checked at run start; absent in definitions stored before they existed. */
  input_rules?: InputRule[];
  /** `[{ type: 'manual' }]` when the YAML omits `triggers`. */
  triggers: TriggerDefinition[];
  /**
   * Most active runs (queued, running, waiting) before runs that triggers start wait, in order,
   * for a slot. Default 20; absent in definitions stored before it existed.
   */
  concurrency?: number;
  /** In declared order. */
  steps: StepDefinition[];
  /** Steps run when the run fails; their `needs` only name other `on_failure` steps. */
  on_failure: StepDefinition[];
  /** Templates (`${{ }}`) evaluated with `evaluateParams` once every step is terminal. */
  outputs: Record<string, string>;
  /** `outcome:` rules in declared order; absent when the YAML declares none (the outcome is then `succeeded`). */
  outcome?: OutcomeRule[];
}

/** Sets the run's outcome when `if` holds at the end of a run that did not fail (first match wins). */
export interface OutcomeRule {
  /** CEL condition without the `${{ }}` wrapper. */
  if: string;
  outcome: RuleOutcome;
  /** Template (`${{ }}` allowed) giving the run's human reason. */
  reason?: string;
}

export const INPUT_RULE_KINDS = ['at_least_one_of', 'only_one_of', 'all_or_none_of'] as const;
export type InputRuleKind = (typeof INPUT_RULE_KINDS)[number];

/** `input_rules` entry, normalized: which kind, over which inputs, with an optional own message. */
export interface InputRule {
  kind: InputRuleKind;
  inputs: string[];
  message?: string;
}

export const INPUT_TYPES = ['string', 'number', 'boolean', 'enum', 'list'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

export const INPUT_FORMATS = [
  'machine_id',
  'alert_id',
  'sha1',
  'sha256',
  'md5',
  'ip',
  'url',
  'domain',
  'hostname',
] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export const LIST_ITEM_TYPES = ['string', 'number', 'boolean'] as const;
export type ListItemType = (typeof LIST_ITEM_TYPES)[number];

/** One run input, with everything the web console needs to render a form field. */
export interface InputDeclaration {
  name: string;
  type: InputType;
  /** Field label; defaults to the name with `_` as spaces, first letter upper-cased. */
  label: string;
  /** Help text shown under the field. */
  help?: string;
  required: boolean;
  default?: JsonValue;
  /** RE2 regular expression a string (or each string item of a list) must match in full. */
  pattern?: string;
  format?: InputFormat;
  /** Allowed values of an `enum` input. */
  values?: string[];
  /** Bounds of a `number` input (inclusive). */
  min?: number;
  max?: number;
  /** Item type of a `list` input. */
  items?: { type: ListItemType; format?: InputFormat; pattern?: string };
  /** 0-based position in the YAML; forms show inputs in this order. */
  order: number;
}

export type TriggerDefinition = ManualTrigger | AlertTrigger | ScheduleTrigger;

/** `created`: once per alert, on its first matching version; `updated`: again on every later version. */
export const ALERT_TRIGGER_EVENTS = ['created', 'updated'] as const;
export type AlertTriggerEvent = (typeof ALERT_TRIGGER_EVENTS)[number];

/** Starts a run at every tick of `cron` in `timezone`, with `inputs`. */
export interface ScheduleTrigger {
  type: 'schedule';
  cron: string;
  timezone: string;
  inputs: Record<string, JsonValue>;
}
export interface ManualTrigger {
  type: 'manual';
}
/**
 * Starts a run for each new Defender alert that matches every given rule (rules are ANDed; the
 * values listed under one rule are ORed). Omitted rules match anything. See `matchAlertTrigger`.
 */
export interface AlertTrigger {
  type: 'alert';
  match: AlertMatch;
  /** Default `['created']`. */
  on: AlertTriggerEvent[];
}
export interface AlertMatch {
  severity?: string[];
  status?: string[];
  category?: string[];
  detection_source?: string[];
  /** Glob patterns (`*`, `?`), case-insensitive, matched against the whole title. */
  title?: string[];
  /** The alert's machine carries at least one of these tags. */
  machine_tags?: string[];
  /** The alert has evidence of at least one of these entity types (`File`, `Ip`, ...). */
  evidence_types?: string[];
}

export const BACKOFF_KINDS = ['fixed', 'exponential'] as const;
export type Backoff = (typeof BACKOFF_KINDS)[number];

export interface RetryPolicy {
  /** Total attempts including the first one (1 = no retry). Default 3. */
  attempts: number;
  /** Default `exponential`: delay_seconds * 2^(attempt-1), capped at max_delay_seconds. */
  backoff: Backoff;
  /** Default 2. */
  delay_seconds: number;
  /** Default 60. */
  max_delay_seconds: number;
  /**
   * Error codes worth retrying. When omitted every retryable error (throttling, 5xx, timeouts) is
   * retried; when given only those codes are. Terminal errors are never retried.
   */
  on?: string[];
}

export type OnError = 'fail' | 'continue' | { goto: string[] };

export interface ForeachDefinition {
  /** CEL expression (without `${{ }}`) producing the list to iterate over. */
  items: string;
  /** How many items run at the same time. Default 5. */
  concurrency: number;
  /** Extra name for the current item in expressions; `item` always works too. Default `item`. */
  as: string;
}

export interface StepDefinition {
  id: string;
  name?: string;
  action: string;
  /** Action parameters exactly as written; strings may contain `${{ }}` templates. */
  with: Record<string, JsonValue>;
  /** CEL condition without the `${{ }}` wrapper (the YAML may use either form). */
  if?: string;
  /**
   * Steps that must be terminal before this one starts. Normalized: omitted in YAML means "the
   * previous step in the list" (steps are sequential by default; handler steps excepted).
   */
  needs: string[];
  foreach?: ForeachDefinition;
  retry: RetryPolicy;
  timeout_seconds?: number;
  /**
   * Bounds of the step's wait for an external operation (a Defender machine action): first poll
   * delay, longest poll delay, and how long before the action ends `timed_out`. Unset fields use
   * the worker's configuration. Handed to the action as `ActionContext.wait`.
   */
  wait?: StepWaitSpec;
  on_error: OnError;
  /** Whose identity this Defender step acts with; overrides the playbook's `run_as`. */
  run_as?: RunAs;
  /**
   * True when some step routes to this one with `on_error: { goto: [...] }`. Handler steps never
   * start on their own: only when a step routes to them (and their own `needs` are done).
   * Always set by `parsePlaybook`; optional so hand-built definitions (tests) may omit it.
   */
  handler?: boolean;
}

export type ParseResult =
  | { ok: true; playbook: PlaybookDefinition; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

/** One step's state as expressions see it: `steps.<id>.output`, `.status`, `.error`. */
export interface StepScope {
  output: JsonValue;
  status: string;
  /** `{ code, message }` of the last failure, when the step failed. */
  error?: JsonValue;
}

/** Everything an expression can read. Build it fresh for each evaluation; it is never mutated. */
export interface ExpressionScope {
  inputs: Record<string, JsonValue>;
  steps: Record<string, StepScope>;
  /** The triggering Defender alert, when there is one. */
  alert?: JsonValue;
  /** What started the run: `{ type: manual | alert | schedule, ..., alert? }` (`trigger.alert` = `alert`). */
  trigger?: JsonValue;
  run: { id: string; playbook: string; version: number; started_by: string };
  /**
   * Secret values by name, reachable as `secrets.NAME`. Set only while evaluating a parameter the
   * action declares as a credential (`secretParams`); without it, reading a secret fails with
   * `secret_not_allowed`. Results computed from it are tainted (see `evaluateParamsShown`).
   */
  secrets?: Record<string, string>;
  /** The current element inside a `foreach` step. */
  item?: JsonValue;
  /** The `foreach.as` name, bound to `item` as well (e.g. `machine`). */
  item_as?: string;
  /** 0-based position of `item` in the foreach list. */
  index?: number;
  /** Clock for `now()`, ISO-8601 or epoch ms; defaults to the current time. Pass it to keep runs replayable. */
  now?: string | number;
}
