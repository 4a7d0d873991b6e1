import { alertSeveritySchema, alertStatusSchema, RULE_OUTCOMES, RUN_AS_MODES } from '@soar/contracts';
import { z } from 'zod';
import { ALERT_TRIGGER_EVENTS, BACKOFF_KINDS, INPUT_FORMATS, INPUT_TYPES, LIST_ITEM_TYPES } from '../model';
import { checkCron, checkTimezone } from '../triggers/check-schedule';

/**
 * The YAML document's shape, as zod: the one source for save-time shape checks, defaults and the
 * published JSON Schema (`playbookJsonSchema`). Meaning (references, cycles, action parameters) is
 * checked afterwards by the validators in `../validate`.
 */

/** Words CEL reserves; a step or input named like this could not be referenced (`steps.in`). */
export const CEL_RESERVED = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** A name usable in expressions (`inputs.<name>`, `steps.<id>`). */
export const identifierSchema = z
  .string()
  .regex(IDENTIFIER, 'use letters, digits and _ only, starting with a letter or _ (at most 64 characters)')
  .refine((s) => !CEL_RESERVED.has(s), { message: 'this word is reserved by the expression language; pick another name' });

export const playbookNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'use lower-case letters, digits, - and _ only (at most 100 characters)')
  .describe('Unique name of the playbook, e.g. isolate-alert-machine');

export const actionNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'an action name looks like defender.machine.isolate or core.wait')
  .describe('Namespaced action name (defender.*, core.*)');

const stringList = z.array(z.string().min(1).max(500)).max(100);

export const inputFormatSchema = z.enum(INPUT_FORMATS);

export const inputDeclarationSchema = z
  .strictObject({
    type: z.enum(INPUT_TYPES).default('string').describe('Value type; default string'),
    label: z.string().min(1).max(200).optional().describe('Form label; defaults to the name in words'),
    help: z.string().max(2000).optional().describe('Help text shown under the form field'),
    required: z.boolean().default(false),
    default: z.json().optional().describe('Value used when the run does not give one'),
    pattern: z.string().min(1).max(1000).optional().describe('RE2 regular expression the whole value must match'),
    format: inputFormatSchema.optional().describe('Semantic format checked when a run starts'),
    values: z.array(z.string().min(1).max(200)).min(1).max(200).optional().describe('Choices of an enum input'),
    min: z.number().optional().describe('Smallest allowed number'),
    max: z.number().optional().describe('Largest allowed number'),
    items: z
      .strictObject({
        type: z.enum(LIST_ITEM_TYPES).default('string'),
        format: inputFormatSchema.optional(),
        pattern: z.string().min(1).max(1000).optional(),
      })
      .optional()
      .describe('Type of the elements of a list input'),
  })
  .describe('A run input; the web form is generated from these fields');

export const alertMatchSchema = z
  .strictObject({
    severity: z.array(alertSeveritySchema).min(1).optional().describe('Any of these severities'),
    status: z.array(alertStatusSchema).min(1).optional().describe('Any of these statuses'),
    category: stringList.min(1).optional().describe('Any of these categories, e.g. Malware, Ransomware'),
    detection_source: stringList.min(1).optional().describe('Any of these detection sources, e.g. WindowsDefenderAv'),
    title: stringList.min(1).optional().describe('Any of these glob patterns (* and ?), case-insensitive'),
    machine_tags: stringList.min(1).optional().describe('The machine has at least one of these tags'),
    evidence_types: stringList.min(1).optional().describe('The alert has evidence of one of these types, e.g. File, Ip'),
  })
  .describe('Rules are ANDed; the values of one rule are ORed; omitted rules match anything');

export const triggerSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('manual') }),
    z.strictObject({
      type: z.literal('alert'),
      match: alertMatchSchema.default({}),
      on: z
        .array(z.enum(ALERT_TRIGGER_EVENTS))
        .min(1)
        .default(['created'])
        .describe('created: once per alert (its first matching version); updated: again for every later version'),
    }),
    z.strictObject({
      type: z.literal('schedule'),
      cron: z.string().min(1).max(200).superRefine(checkCron).describe('Five or six cron fields, e.g. "0 */6 * * *"'),
      timezone: z.string().min(1).max(100).default('UTC').superRefine(checkTimezone).describe('IANA time zone of the cron fields'),
      inputs: z.record(identifierSchema, z.json()).default({}).describe('Run inputs of every scheduled run'),
    }),
  ],
  { error: 'a trigger is { type: manual }, { type: alert, match: {...} } or { type: schedule, cron: ... }' },
);

export const retrySchema = z.strictObject({
  attempts: z.int().min(1).max(10).default(3).describe('Total attempts including the first; default 3'),
  backoff: z.enum(BACKOFF_KINDS).default('exponential'),
  delay_seconds: z.number().min(0).max(3600).default(2),
  max_delay_seconds: z.number().min(0).max(86400).default(60),
  on: z
    .array(z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'an error code such as THROTTLED or timeout'))
    .min(1)
    .optional()
    .describe('Only retry errors with these codes (default: every retryable error)'),
});

export const onErrorSchema = z
  .union(
    [
      z.literal('fail'),
      z.literal('continue'),
      z.strictObject({ goto: z.array(identifierSchema).min(1).max(20).describe('Handler step ids to run instead') }),
    ],
    { error: 'on_error is fail, continue or { goto: [step ids] }' },
  )
  .default('fail');

export const foreachSchema = z.strictObject({
  items: z.string().min(1).max(4000).describe('Expression giving the list to iterate over'),
  concurrency: z.int().min(1).max(50).default(5),
  as: identifierSchema.default('item').describe('Name of the current element in expressions (item works too)'),
});

export const expressionSchema = z.string().min(1).max(4000);

/** `wait:` of a step that waits on a Defender machine action (see StepDefinition.wait). */
export const stepWaitSchema = z
  .strictObject({
    poll_seconds: z.number().min(0.1).max(3600).optional().describe('First poll delay (then x1.6 each poll); default from the worker configuration'),
    max_poll_seconds: z.number().min(0.1).max(3600).optional().describe('Longest poll delay; default from the worker configuration'),
    max_seconds: z.int().min(1).max(7 * 86400).optional().describe('How long to wait before the action ends timed_out (and our own action is cancelled in Defender)'),
  })
  .refine((w) => w.poll_seconds === undefined || w.max_poll_seconds === undefined || w.poll_seconds <= w.max_poll_seconds, {
    message: 'poll_seconds must not exceed max_poll_seconds',
  });

export const runAsSchema = z
  .enum(RUN_AS_MODES)
  .describe(
    'Whose identity Defender calls use: app (the connection\'s application, default), starter (the person who started the run, On-Behalf-Of them: their Defender role and device groups apply) or approver (the person who gave the approval this step depends on). Alert-triggered and scheduled runs have no starter and act as the app.',
  );

export const stepSchema = z.strictObject({
  id: identifierSchema.describe('Unique step id, used as steps.<id> in expressions'),
  name: z.string().min(1).max(200).optional(),
  action: actionNameSchema,
  with: z.record(z.string(), z.json()).default({}).describe('Action parameters; strings may use ${{ }}'),
  if: z
    .union([expressionSchema, z.boolean()], { error: 'a condition is an expression (or true/false)' })
    .optional()
    .describe('Condition; the step is skipped when false'),
  needs: z
    .union([identifierSchema, z.array(identifierSchema).max(50)])
    .optional()
    .describe('Steps to wait for; default: the previous step; [] starts at once'),
  foreach: foreachSchema.optional(),
  retry: retrySchema.default({ attempts: 3, backoff: 'exponential', delay_seconds: 2, max_delay_seconds: 60 }),
  timeout_seconds: z.int().min(1).max(7 * 86400).optional(),
  wait: stepWaitSchema.optional().describe('Polling and bound of a Defender machine action wait'),
  on_error: onErrorSchema,
  run_as: runAsSchema.optional().describe('Overrides the playbook\'s run_as for this Defender step'),
});

/** One `outcome:` rule: the first whose `if` holds when the run ends without failing sets the outcome. */
export const outcomeRuleSchema = z
  .strictObject({
    if: z
      .union([expressionSchema, z.boolean()], { error: 'a condition is an expression (or true/false)' })
      .describe('Condition over inputs and steps, evaluated when the run ends without failing'),
    outcome: z.enum(RULE_OUTCOMES).describe('succeeded, partial or no_op'),
    reason: z.string().min(1).max(2000).optional().describe('Human reason shown with the run; may use ${{ }}'),
  })
  .describe('Sets the run outcome when its condition holds; rules are tried in order, the first match wins');

const ruleInputsSchema = z.array(identifierSchema).min(2).max(20);

/** A rule across several inputs, checked when a run starts (a 400 naming the inputs). */
export const inputRuleSchema = z
  .strictObject({
    at_least_one_of: ruleInputsSchema.optional().describe('At least one of these inputs must be given'),
    only_one_of: ruleInputsSchema.optional().describe('At most one of these inputs may be given'),
    all_or_none_of: ruleInputsSchema.optional().describe('These inputs are given all together or not at all'),
    message: z.string().min(1).max(500).optional().describe('Shown when the rule is broken; by default the message names the inputs'),
  })
  .refine((r) => [r.at_least_one_of, r.only_one_of, r.all_or_none_of].filter((v) => v !== undefined).length === 1, {
    message: 'a rule has exactly one of at_least_one_of, only_one_of, all_or_none_of',
  })
  .describe('A rule across inputs, checked when a run starts');

export const playbookDocumentSchema = z
  .strictObject({
    name: playbookNameSchema,
    title: z.string().min(1).max(200),
    description: z.string().max(10000).default(''),
    version_notes: z.string().max(2000).optional(),
    tags: z.array(z.string().min(1).max(50)).max(20).default([]),
    connection: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a connection name uses letters, digits, - and _').default('default'),
    timeout_seconds: z
      .int()
      .min(1)
      .max(30 * 86400)
      .optional()
      .describe('Limit for the whole run, waits included; when it passes the run fails at once (on_failure does not run)'),
    run_as: runAsSchema.optional().describe('Default identity of every Defender step (steps may override it); default app'),
    inputs: z.record(identifierSchema, inputDeclarationSchema).default({}).describe('Run inputs by name, in form order'),
    input_rules: z.array(inputRuleSchema).max(20).default([]).describe('Rules across inputs (at least one of, only one of, all or none of), checked when a run starts'),
    triggers: z.array(triggerSchema).min(1).max(20).default([{ type: 'manual' }]),
    concurrency: z
      .int()
      .min(1)
      .max(1000)
      .default(20)
      .describe('Most active runs of this playbook before alert and schedule runs wait their turn (in order)'),
    steps: z.array(stepSchema).min(1).max(200),
    on_failure: z.array(stepSchema).max(50).default([]),
    outputs: z.record(identifierSchema, z.string().max(4000)).default({}).describe('Named values computed at the end of a run'),
    outcome: z
      .array(outcomeRuleSchema)
      .max(50)
      .optional()
      .describe('Outcome rules (partial, no_op, ...) tried in order when the run ends without failing; none matches → succeeded'),
  })
  .describe('A SOAR playbook for Microsoft Defender for Endpoint');

export type PlaybookDocument = z.output<typeof playbookDocumentSchema>;
export type StepDocument = z.output<typeof stepSchema>;
export type InputDocument = z.output<typeof inputDeclarationSchema>;
export type OutcomeRuleDocument = z.output<typeof outcomeRuleSchema>;
