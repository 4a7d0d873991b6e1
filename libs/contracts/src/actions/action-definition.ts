import type { z } from 'zod';
import type { JsonValue } from '../json';

/**
 * An action a playbook step can call, described as data: typed parameters and output (zod, so the
 * same schema validates playbooks on save, checks parameters at run time and is published as JSON
 * Schema in the catalog), plus the Defender application permissions it needs (any one suffices).
 */
export interface ActionDefinition<P extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** Namespaced name used in playbooks, e.g. `defender.machine.isolate`. */
  name: string;
  title: string;
  description: string;
  params: P;
  output: O;
  /** Defender application roles; any one of them allows the call. Empty for `core.*` actions. */
  permissions: string[];
  /**
   * Permissions needed as well (any one of them): e.g. a machine action also reads the machine's
   * actions, to check its current state, find an earlier send and wait for the outcome.
   */
  alsoNeeds?: string[];
  /** True when the action changes something in Defender (used for duplicate protection and audit). */
  sideEffect: boolean;
  /**
   * Top-level parameters that carry credentials (e.g. `headers` of `core.webhook`). These are the
   * only places a playbook may use `${{ secrets.NAME }}`: anywhere else the value would be stored,
   * shown or sent somewhere in clear, so the playbook is refused when saved. Values computed from a
   * secret are shown as `***` in run history. Default: none.
   */
  secretParams?: readonly string[];
  /**
   * Top-level parameters that must be written in the playbook, without `${{ }}`: who may approve
   * is the playbook's decision, never a run input's. Refused when the playbook is saved. Default: none.
   */
  literalParams?: readonly string[];
}

/**
 * What executing (or resuming) an action step produced. `wait` asks the engine to park the step
 * durably (no worker slot, no timer) and call `resume` with `state` after `resumeAfterMs`.
 */
export type ActionOutcome =
  | { kind: 'done'; output: JsonValue }
  | { kind: 'wait'; reason: WaitReason; resumeAfterMs: number; state: JsonValue };

export const WAIT_REASONS = ['defender-action', 'timer', 'approval', 'rate-limit', 'foreach', 'sub-playbook', 'retry'] as const;
export type WaitReason = (typeof WAIT_REASONS)[number];

/** A catalog maps action names to definitions; the playbook validator takes one as input. */
export type ActionCatalog = ReadonlyMap<string, ActionDefinition>;
