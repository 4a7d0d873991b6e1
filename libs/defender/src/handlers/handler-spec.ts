import type { ActionContext, ActionDefinition, ActionOutcome, CancelReport, JsonValue } from '@soar/contracts';
import type { z } from 'zod';
import type { DefenderClient } from '../defender.client';
import type { MachineActionFlow } from './machine-action.flow';
import type { ResolvedHandlerOptions } from './handler-options';

/** What a handler implementation gets besides its params. */
export interface HandlerEnv {
  flow: MachineActionFlow;
  options: ResolvedHandlerOptions;
}

/** A handler as data: the definition it implements plus how to run (and resume) it. */
export interface HandlerSpec<D extends ActionDefinition = ActionDefinition> {
  definition: D;
  execute(client: DefenderClient, params: z.output<D['params']>, ctx: ActionContext, env: HandlerEnv): Promise<ActionOutcome>;
  resume?(client: DefenderClient, state: JsonValue, ctx: ActionContext, env: HandlerEnv): Promise<ActionOutcome>;
  /** Stops what the step waits for when its run is cancelled (best effort). */
  cancel?(client: DefenderClient, state: JsonValue, ctx: ActionContext, env: HandlerEnv, reason: string): Promise<CancelReport>;
}

export function done(output: unknown): ActionOutcome {
  return { kind: 'done', output: (output ?? null) as JsonValue };
}
