import {
  DEFENDER_ERROR_CODES,
  machineActionCancelAction,
  machineActionGetAction,
  machineActionListAction,
  machineActionLiveResponseResultAction,
  machineActionPackageUriAction,
  machineAvScanAction,
  machineCollectInvestigationPackageAction,
  machineIsolateAction,
  machineLiveResponseAction,
  machineReleaseIsolationAction,
  machineRestrictAppExecutionAction,
  machineStopAndQuarantineFileAction,
  machineUnrestrictAppExecutionAction,
  type ActionDefinition,
} from '@soar/contracts';
import type { z } from 'zod';
import { DefenderApiError } from '../defender-api.error';
import type { DefenderClient } from '../defender.client';
import type { LiveResponseCommand, MachineAction, MachineActionType } from '../defender.types';
import { done, handler, type HandlerSpec } from './handler-spec';
import { latestSucceeded, type FinishMachineAction, type MachineActionFlow, type MachineActionRequest } from './machine-action.flow';

type Params<D extends ActionDefinition> = z.output<D['params']>;

/**
 * A handler that sends one machine action through the shared MachineActionFlow. `request` builds
 * what differs per action (type, body, optional already-state check).
 */
function machineActionHandler<D extends ActionDefinition>(
  definition: D,
  request: (p: Params<D>) => Omit<MachineActionRequest, 'machineId' | 'comment'>,
  finish?: FinishMachineAction,
): HandlerSpec {
  return handler({
    definition,
    execute: (client, p, ctx, { flow }) => {
      const params = p as Params<D> & { machine_id: string; comment: string };
      return flow.start(client, { machineId: params.machine_id, comment: params.comment, ...request(p) }, ctx, finish);
    },
    resume: (client, state, _ctx, { flow }) => flow.resume(client, state, finish),
    // The action this step sent is cancelled in Defender with the run (the run's wait state is ours to read).
    cancel: (client, state, ctx, { flow }, reason) => flow.cancel(client, state, `SOAR run ${ctx.runId} ${reason}`),
  });
}

/**
 * Paired actions that set a state (isolate/release, restrict/unrestrict). No flag exists on the
 * machine entity, so the latest Succeeded action of the pair tells the current state
 * (REFERENCE.md §4.1). `onType` is the action establishing the wanted state; when `offType` has
 * never succeeded and the wanted state is the default, nothing needs sending either.
 */
function alreadyInState(machineId: string, wanted: MachineActionType, pair: [MachineActionType, MachineActionType], wantedIsDefault: boolean) {
  return async (client: DefenderClient): Promise<MachineAction | null | undefined> => {
    const latest = await latestSucceeded(client, machineId, pair);
    if (!latest) return wantedIsDefault ? null : undefined;
    return latest.type === wanted ? latest : undefined;
  };
}

const ISOLATION: [MachineActionType, MachineActionType] = ['Isolate', 'Unisolate'];
const RESTRICTION: [MachineActionType, MachineActionType] = ['RestrictCodeExecution', 'UnrestrictCodeExecution'];

/** Maps the playbook's command shape to Defender's `{ type, params: [{ key, value }] }`. */
function liveResponseCommands(commands: Params<typeof machineLiveResponseAction>['commands']): LiveResponseCommand[] {
  return commands.map((c) => {
    switch (c.type) {
      case 'PutFile':
        return { type: 'PutFile', params: [{ key: 'FileName', value: c.file_name }] };
      case 'GetFile':
        return { type: 'GetFile', params: [{ key: 'Path', value: c.path }] };
      case 'RunScript':
        return {
          type: 'RunScript',
          params: [{ key: 'ScriptName', value: c.script_name }, ...(c.args ? [{ key: 'Args', value: c.args }] : [])],
        };
    }
  });
}

/** Live response output: the action plus a download link per command (null when it has none). */
const liveResponseFinish: FinishMachineAction = async (client, action, state) => {
  const commands = Array.isArray((action as Record<string, unknown>).commands)
    ? ((action as Record<string, unknown>).commands as Array<{ index?: number; command?: { type?: string } }>)
    : [];
  const results = [];
  for (const [i, c] of commands.entries()) {
    const index = typeof c.index === 'number' ? c.index : i;
    const type = c.command?.type;
    try {
      results.push({ index, ...(type ? { type } : {}), url: await client.getLiveResponseResultLink(action.id, index) });
    } catch (error) {
      if (!(error instanceof DefenderApiError) || error.code !== DEFENDER_ERROR_CODES.notFound) throw error;
      results.push({ index, ...(type ? { type } : {}), url: null });
    }
  }
  return done({ already: false, ...(state.adopted ? { adopted: true } : {}), action, results });
};

export const machineActionHandlers: HandlerSpec[] = [
  machineActionHandler(machineIsolateAction, (p) => ({
    type: 'Isolate',
    alreadyDone: alreadyInState(p.machine_id, 'Isolate', ISOLATION, false),
    send: (c, comment) => c.isolateMachine(p.machine_id, { comment, isolationType: p.isolation_type }),
  })),
  machineActionHandler(machineReleaseIsolationAction, (p) => ({
    type: 'Unisolate',
    alreadyDone: alreadyInState(p.machine_id, 'Unisolate', ISOLATION, true),
    send: (c, comment) => c.releaseMachineIsolation(p.machine_id, { comment }),
  })),
  machineActionHandler(machineAvScanAction, (p) => ({
    type: 'RunAntiVirusScan',
    send: (c, comment) => c.runAntivirusScan(p.machine_id, { comment, scanType: p.scan_type }),
  })),
  machineActionHandler(machineRestrictAppExecutionAction, (p) => ({
    type: 'RestrictCodeExecution',
    alreadyDone: alreadyInState(p.machine_id, 'RestrictCodeExecution', RESTRICTION, false),
    send: (c, comment) => c.restrictAppExecution(p.machine_id, { comment }),
  })),
  machineActionHandler(machineUnrestrictAppExecutionAction, (p) => ({
    type: 'UnrestrictCodeExecution',
    alreadyDone: alreadyInState(p.machine_id, 'UnrestrictCodeExecution', RESTRICTION, true),
    send: (c, comment) => c.unrestrictAppExecution(p.machine_id, { comment }),
  })),
  machineActionHandler(machineCollectInvestigationPackageAction, (p) => ({
    type: 'CollectInvestigationPackage',
    send: (c, comment) => c.collectInvestigationPackage(p.machine_id, { comment }),
  })),
  machineActionHandler(machineStopAndQuarantineFileAction, (p) => ({
    type: 'StopAndQuarantineFile',
    send: (c, comment) => c.stopAndQuarantineFile(p.machine_id, { comment, sha1: p.sha1 }),
  })),
  machineActionHandler(
    machineLiveResponseAction,
    (p) => ({
      type: 'LiveResponse',
      send: (c, comment) => c.runLiveResponse(p.machine_id, { comment, commands: liveResponseCommands(p.commands) }),
    }),
    liveResponseFinish,
  ),
  handler({
    definition: machineActionPackageUriAction,
    // Poll the action (cheap, default quota) until Succeeded; only then spend the 2/min package quota.
    execute: (client, p, _ctx, { flow }) => flow.watch(client, p.machine_action_id, packageFinish(flow)),
    resume: (client, state, _ctx, { flow }) => flow.resume(client, state, packageFinish(flow)),
  }),
  handler({
    definition: machineActionLiveResponseResultAction,
    execute: async (client, p) => done({ url: await client.getLiveResponseResultLink(p.machine_action_id, p.command_index) }),
  }),
  handler({
    definition: machineActionCancelAction,
    execute: async (client, p) => done(await client.cancelMachineAction(p.machine_action_id, { comment: p.comment })),
  }),
  handler({
    definition: machineActionGetAction,
    execute: async (client, p) => done(await client.getMachineAction(p.machine_action_id)),
  }),
  handler({
    definition: machineActionListAction,
    execute: async (client, p) => {
      const items = await client.listMachineActions(p);
      return done({ machine_actions: items, count: items.length });
    },
  }),
];

function packageFinish(flow: MachineActionFlow): FinishMachineAction {
  return async (client, action, state) => {
    if (action.type !== 'CollectInvestigationPackage') {
      throw new DefenderApiError({
        code: DEFENDER_ERROR_CODES.invalidParams,
        message: `Machine action ${action.id} is a ${action.type} action, not an investigation package collection`,
        retryable: false,
      });
    }
    try {
      return done({ machine_action_id: action.id, url: await client.getInvestigationPackageUri(action.id) });
    } catch (error) {
      // Defender answers 404 for a short while after the collection reports Succeeded.
      if (error instanceof DefenderApiError && error.code === DEFENDER_ERROR_CODES.notFound) return flow.waitAgain(action, state);
      throw error;
    }
  };
}
