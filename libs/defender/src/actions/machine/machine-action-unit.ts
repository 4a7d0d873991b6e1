import { z } from 'zod';
import type { MachineActionRequest, FinishMachineAction } from '../../handlers/machine-action.flow';
import { defenderAction, type DefenderActionSpec, type DefenderActionUnit } from '../defender-action';

export const commentSchema = z.string().min(1).max(4000);

type CommonParams = { machine_id: string; comment: string; on_unsuccessful: 'fail' | 'report'; allow_inactive: boolean; cancel_on_timeout: boolean };
type RequestParts = Omit<MachineActionRequest, 'machineId' | 'comment' | 'options'>;

/** A machine action unit: what differs per action; sending, state checks and waiting are the shared flow. */
export interface MachineActionSpec<P extends z.ZodType, O extends z.ZodType> extends Omit<DefenderActionSpec<P, O>, 'execute' | 'resume' | 'cancel'> {
  /** The request: type, the Defender call (`send`), how to recognise the same request, optional state check. */
  request(params: z.output<P>): RequestParts;
  /** Builds the output once the action Succeeded (default: the action and `result`). */
  finish?: FinishMachineAction;
}

/**
 * A unit that sends one machine action through the shared MachineActionFlow (tag → adopt →
 * already → send → poll, `handlers/machine-action.flow.ts`).
 */
export function machineActionUnit<P extends z.ZodType, O extends z.ZodType>(spec: MachineActionSpec<P, O>): DefenderActionUnit {
  const { request, finish, ...rest } = spec;
  return defenderAction<P, O>({
    ...rest,
    execute: (client, p, ctx, { flow }) => {
      const params = p as z.output<P> & CommonParams;
      const options = { onUnsuccessful: params.on_unsuccessful, allowInactive: params.allow_inactive, cancelOnTimeout: params.cancel_on_timeout };
      return flow.start(client, { machineId: params.machine_id, comment: params.comment, options, ...request(p) }, ctx, finish);
    },
    resume: (client, state, _ctx, { flow }) => flow.resume(client, state, finish),
    // The action this step sent is cancelled in Defender with the run (the run's wait state is ours to read).
    cancel: (client, state, ctx, { flow }, reason) => flow.cancel(client, state, `SOAR run ${ctx.runId} ${reason}`),
  });
}
