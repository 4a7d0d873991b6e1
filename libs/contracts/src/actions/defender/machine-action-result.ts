import { z } from 'zod';
import { machineActionSchema } from './entities';

/**
 * What a machine-action step reports (`output.result`), so a run never claims more than Defender did:
 * - `done`: this step sent the action (or found the one an earlier attempt of it sent) and it Succeeded;
 * - `already`: the machine is already in the wanted state (nothing sent); `reason` says why;
 * - `adopted`: someone else's pending action for the very same request (same type, machine and
 *   parameters) was followed to Succeeded instead of sending a duplicate;
 * - `conflict`: another action blocks this one (a different pending request, or an isolation
 *   about to land); nothing was sent; the blocking action's id, type and requestor are reported;
 * - `failed`, `timed_out`, `cancelled`: the action ended Failed, TimeOut (or exceeded the step's
 *   wait bound) or Cancelled; `failed` with no action also covers a refusal before sending (an
 *   inactive machine).
 */
export const MACHINE_ACTION_RESULTS = ['done', 'already', 'adopted', 'conflict', 'failed', 'timed_out', 'cancelled'] as const;
export type MachineActionResult = (typeof MACHINE_ACTION_RESULTS)[number];
/** Results that mean Defender did what was asked (or it already held). */
export const MACHINE_ACTION_SUCCESS_RESULTS: readonly MachineActionResult[] = ['done', 'already', 'adopted'];

/**
 * Options every machine action takes besides its own parameters.
 * - `on_unsuccessful`: `fail` (default) fails the step on conflict/failed/timed_out/cancelled, with
 *   the same result object in `error.details`; `report` ends the step successfully with that result
 *   in its output, for playbooks that route on it (comment, then `core.fail`, or per-target lists).
 * - `allow_inactive`: act on a machine whose healthStatus is Inactive (refused by default: the
 *   action would sit Pending until the device comes back, possibly days later).
 * - `cancel_on_timeout`: when our own action is still pending at the wait bound, cancel it in
 *   Defender so it does not land later than the run said (default true; never cancels others').
 */
export const machineActionOptionsShape = {
  on_unsuccessful: z
    .enum(['fail', 'report'])
    .default('fail')
    .describe('fail: a conflict, failed, timed-out or cancelled action fails the step; report: the step succeeds with that result in its output'),
  allow_inactive: z.boolean().default(false).describe('Act on a machine whose healthStatus is Inactive (refused by default: the action would wait until the device returns)'),
  cancel_on_timeout: z.boolean().default(true).describe("Cancel our own action in Defender when it is still pending at the wait bound (never someone else's)"),
};

/** Output of every action that sends a machine action and waits for it. */
export const machineActionResultSchema = z.looseObject({
  result: z.enum(MACHINE_ACTION_RESULTS),
  /** Human explanation of the result (e.g. "machine is not isolated", "pending Isolate by x"). */
  reason: z.string(),
  machineId: z.string(),
  /** The action this result is about (the one sent, adopted, the blocking one, or the one that established the state), or null. */
  actionId: z.string().nullable(),
  type: z.string().nullable(),
  status: z.string().nullable(),
  requestor: z.string().nullable(),
  /** Legacy flags: nothing was sent because the state held; an existing action was followed. */
  already: z.boolean().optional(),
  adopted: z.boolean().optional(),
  /** True when the action was cancelled in Defender at the wait bound. */
  cancelledInDefender: z.boolean().optional(),
  action: machineActionSchema.nullable(),
});
export type MachineActionResultOutput = z.infer<typeof machineActionResultSchema>;
