import type { ActionContext, ActionDefinition, ActionOutcome, CancelReport, JsonValue } from '@soar/contracts';
import type { z } from 'zod';
import type { DefenderClient } from '../defender.client';
import type { HandlerEnv, HandlerSpec } from '../handlers/handler-spec';
import type { DefenderPermission } from './defender-permissions';
import { markingParsed } from './parsed-params';

/**
 * Everything about one `defender.*` action, written once: what a playbook sees (name, text, params
 * and output schemas), the permissions it needs, and how it runs (the Defender call and its
 * handler). `params` is the one schema: it checks a playbook on save, the engine parses a step's
 * evaluated params with it, and `execute` is typed by its output.
 */
export interface DefenderActionSpec<P extends z.ZodType, O extends z.ZodType> {
  /** Namespaced name used in playbooks, e.g. `defender.machine.isolate`. */
  name: string;
  title: string;
  description: string;
  params: P;
  output: O;
  /** True when the action changes something in Defender. */
  sideEffect: boolean;
  /** What the call needs (any one app permission, or any one delegated). */
  permissions: DefenderPermission;
  /** Needed as well (e.g. a machine action reads the machine's actions to check state and wait). */
  alsoNeeds?: DefenderPermission;
  execute(client: DefenderClient, params: z.output<P>, ctx: ActionContext, env: HandlerEnv): Promise<ActionOutcome>;
  resume?(client: DefenderClient, state: JsonValue, ctx: ActionContext, env: HandlerEnv): Promise<ActionOutcome>;
  /** Stops what the step waits for when its run is cancelled (best effort). */
  cancel?(client: DefenderClient, state: JsonValue, ctx: ActionContext, env: HandlerEnv, reason: string): Promise<CancelReport>;
}

/** One action as the catalog, the permission checks and the engine see it, all from one spec. */
export interface DefenderActionUnit {
  readonly definition: ActionDefinition;
  readonly permissions: { readonly needs: DefenderPermission; readonly alsoNeeds?: DefenderPermission };
  readonly handler: HandlerSpec;
}

/** Builds a unit; the catalog definition's `permissions`/`alsoNeeds` are the application names. */
export function defenderAction<P extends z.ZodType, O extends z.ZodType>(spec: DefenderActionSpec<P, O>): DefenderActionUnit {
  const { name, title, description, params, output, sideEffect, permissions, alsoNeeds, execute, resume, cancel } = spec;
  // Types demand these; a unit assembled from untyped parts is refused when the module loads,
  // so an action never reaches the catalog without its permissions or its handler.
  if (!permissions?.app?.length || !permissions.delegated?.length) throw new Error(`Defender action ${name} declares no application or no delegated permission`);
  if (typeof execute !== 'function') throw new Error(`Defender action ${name} has no handler (execute)`);
  const definition: ActionDefinition = {
    name,
    title,
    description,
    params: markingParsed(params),
    output,
    permissions: [...permissions.app],
    ...(alsoNeeds ? { alsoNeeds: [...alsoNeeds.app] } : {}),
    sideEffect,
  };
  const handler: HandlerSpec = {
    definition,
    execute: execute as HandlerSpec['execute'],
    ...(resume ? { resume } : {}),
    ...(cancel ? { cancel } : {}),
  };
  return { definition, permissions: { needs: permissions, ...(alsoNeeds ? { alsoNeeds } : {}) }, handler };
}

export { done } from '../handlers/handler-spec';
