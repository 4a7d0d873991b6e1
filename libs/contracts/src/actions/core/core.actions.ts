import { z } from 'zod';
import type { ActionDefinition } from '../action-definition';

/**
 * `core.*` actions: flow control and integration steps that do not call Defender. Their handlers
 * live with the engine (wait, approval, set, fail, playbook) and the worker (webhook). Parameters
 * are checked when a playbook is saved and again, after `${{ }}` evaluation, when the step runs.
 */

const MAX_WAIT_SECONDS = 30 * 86400;
const playbookName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'a playbook name such as isolate-alert-machine');

export const approvalAction = {
  name: 'core.approval',
  title: 'Ask for approval',
  description:
    'Parks the run until one of the approvers approves or rejects in the console, or until the timeout, when default_decision applies.',
  params: z.strictObject({
    prompt: z.string().min(1).max(4000).describe('What the approver is asked, shown in the console'),
    approvers: z
      .array(z.string().min(1).max(256))
      .min(1)
      .max(50)
      .describe(
        "Who may decide, written in the playbook (no expressions): identities by name (API key names, Entra user names), role:<name> for anyone holding that role (e.g. role:approver), or group:<id> for anyone in that Entra group. An admin may decide any approval. The run's starter may not approve his own run unless allow_self_approval is true.",
      ),
    narrow_to: z
      .array(z.string().min(1).max(256))
      .max(50)
      .nullable()
      .optional()
      .describe('Narrows approvers for this run, e.g. ${{ inputs.approvers }}: every entry must be one of approvers (inputs may narrow, never add; the step fails with APPROVERS_NOT_ALLOWED otherwise). Empty or null: all of approvers'),
    timeout_seconds: z.int().min(60).max(MAX_WAIT_SECONDS).default(86400).describe('How long to wait; default one day'),
    default_decision: z.enum(['approve', 'reject']).default('reject').describe('Decision applied on timeout; default reject'),
    allow_self_approval: z
      .boolean()
      .default(false)
      .describe("Let the run's starter decide too (four eyes off for this step), written in the playbook; default false: another approver must decide"),
  }),
  output: z.strictObject({
    decision: z.enum(['approve', 'reject']),
    decided_by: z.string().nullable().describe('Who decided; null when the timeout decided'),
    comment: z.string().nullable(),
    timed_out: z.boolean(),
    decided_at: z.iso.datetime(),
  }),
  permissions: [],
  sideEffect: false,
  literalParams: ['approvers', 'allow_self_approval'],
} satisfies ActionDefinition;

export const waitAction = {
  name: 'core.wait',
  title: 'Wait',
  description: 'Parks the run for a number of seconds or until a point in time (durable: no worker is held).',
  params: z
    .strictObject({
      seconds: z.number().min(0).max(MAX_WAIT_SECONDS).optional().describe('How long to wait'),
      until: z.iso.datetime({ offset: true }).optional().describe('When to resume (ISO 8601 with time zone)'),
    })
    .refine((p) => (p.seconds === undefined) !== (p.until === undefined), { message: 'give either seconds or until' }),
  output: z.strictObject({ resumed_at: z.iso.datetime() }),
  permissions: [],
  sideEffect: false,
} satisfies ActionDefinition;

export const setAction = {
  name: 'core.set',
  title: 'Set values',
  description: 'Computes named values once so later steps can read them as steps.<id>.output.<name>.',
  params: z.strictObject({ values: z.record(z.string().min(1).max(100), z.json()).describe('Named values; use ${{ }} to compute them') }),
  output: z.record(z.string(), z.json()),
  permissions: [],
  sideEffect: false,
} satisfies ActionDefinition;

export const failAction = {
  name: 'core.fail',
  title: 'Fail the run',
  description: 'Fails the step with a message; with the default on_error: fail this fails the run (and runs on_failure).',
  params: z.strictObject({ message: z.string().min(1).max(4000) }),
  output: z.null(),
  permissions: [],
  sideEffect: false,
} satisfies ActionDefinition;

export const playbookAction = {
  name: 'core.playbook',
  title: 'Run another playbook',
  description: 'Starts a run of another playbook with the given inputs and, by default, waits for it and returns its outputs.',
  params: z.strictObject({
    playbook: playbookName.describe('Name of the playbook to run'),
    inputs: z.record(z.string(), z.json()).default({}).describe('Inputs of the sub-playbook'),
    wait: z.boolean().default(true).describe('Wait for the sub-run to finish; default true'),
  }),
  output: z.strictObject({
    run_id: z.string(),
    status: z.string(),
    outputs: z.record(z.string(), z.json()).nullable(),
  }),
  permissions: [],
  sideEffect: true,
} satisfies ActionDefinition;

const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'an HTTP header name such as Content-Type');

export const webhookAction = {
  name: 'core.webhook',
  title: 'Call a webhook',
  description:
    'Sends an HTTP request to an allowed host (the executor checks the host against the allow-list at run time). A JSON body is sent as application/json.',
  params: z.strictObject({
    // Any http(s) host shape (names, IPs, an on-premises ticketing host): the executor's allow-list
    // decides which hosts may actually be called.
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .max(2048)
      .describe('http(s) URL; the host must be on the allow-list'),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
    headers: z.record(headerName, z.string().max(8192)).default({}).describe('Request headers; use ${{ secrets.NAME }} for tokens'),
    body: z.json().optional().describe('Request body; maps and lists are sent as JSON'),
    timeout_seconds: z.int().min(1).max(120).default(30),
  }),
  output: z.strictObject({
    status: z.int(),
    headers: z.record(z.string(), z.string()),
    body: z.json(),
  }),
  permissions: [],
  sideEffect: true,
  // Only headers: a body or URL is echoed, logged and stored by the receiving side far more often.
  secretParams: ['headers'],
} satisfies ActionDefinition;

/** Every `core.*` action definition. */
export const CORE_ACTION_DEFINITIONS: readonly ActionDefinition[] = [
  approvalAction,
  waitAction,
  setAction,
  failAction,
  playbookAction,
  webhookAction,
];
