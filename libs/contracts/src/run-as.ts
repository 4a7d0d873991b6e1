/**
 * Whose identity a Defender step acts with (`run_as` of a playbook or step):
 * - `app`: the connection's application (application permissions; the default, and always for
 *   alert-triggered and scheduled runs, which no person starts);
 * - `starter`: the person who started the run, On-Behalf-Of them, so their Defender role and device
 *   groups apply;
 * - `approver`: the person who gave the approval the step depends on, On-Behalf-Of them.
 */
export const RUN_AS_MODES = ['starter', 'approver', 'app'] as const;
export type RunAs = (typeof RUN_AS_MODES)[number];

/** Who made a step's Defender calls, as recorded with the step's output or error (`acted_as`). */
export type ActedAs =
  | { kind: 'app'; connection: string; client_id: string }
  | { kind: 'user'; run_as: 'starter' | 'approver'; upn: string; oid: string; connection: string };
