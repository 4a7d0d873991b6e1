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
import { actionsOfType, isPending, newestFirst, requestorOf } from './machine-action-lookup';
import { succeededOutput, type FinishMachineAction, type MachineActionFlow, type MachineActionRequest, type Preflight } from './machine-action.flow';

type Params<D extends ActionDefinition> = z.output<D['params']>;
type CommonParams = { machine_id: string; comment: string; on_unsuccessful: 'fail' | 'report'; allow_inactive: boolean; cancel_on_timeout: boolean };
type RequestParts = Omit<MachineActionRequest, 'machineId' | 'comment' | 'options'>;

/**
 * A handler that sends one machine action through the shared MachineActionFlow. `request` builds
 * what differs per action (type, body, how to recognise the same request, optional state check).
 */
function machineActionHandler<D extends ActionDefinition>(definition: D, request: (p: Params<D>) => RequestParts, finish?: FinishMachineAction): HandlerSpec {
  return handler({
    definition,
    execute: (client, p, ctx, { flow }) => {
      const params = p as Params<D> & CommonParams;
      const options = { onUnsuccessful: params.on_unsuccessful, allowInactive: params.allow_inactive, cancelOnTimeout: params.cancel_on_timeout };
      return flow.start(client, { machineId: params.machine_id, comment: params.comment, options, ...request(p) }, ctx, finish);
    },
    resume: (client, state, _ctx, { flow }) => flow.resume(client, state, finish),
    // The action this step sent is cancelled in Defender with the run (the run's wait state is ours to read).
    cancel: (client, state, ctx, { flow }, reason) => flow.cancel(client, state, `SOAR run ${ctx.runId} ${reason}`),
  });
}

const ISOLATION: [MachineActionType, MachineActionType] = ['Isolate', 'Unisolate'];
const RESTRICTION: [MachineActionType, MachineActionType] = ['RestrictCodeExecution', 'UnrestrictCodeExecution'];
const STATE_NAMES: Record<string, [string, string]> = {
  Isolate: ['isolated', 'not isolated'],
  Unisolate: ['not isolated', 'isolated'],
  RestrictCodeExecution: ['restricted', 'not restricted'],
  UnrestrictCodeExecution: ['not restricted', 'restricted'],
};

/**
 * Paired actions that set a state (isolate/release, restrict/unrestrict). No flag exists on the
 * machine entity, so the pair's actions tell the current state (REFERENCE.md §4.1):
 * - a pending action of the opposite type is about to change the state: conflict (e.g. a release
 *   while an isolation is pending would be undone when the isolation lands);
 * - a pending action of the wanted type: adopt it when it is the same request, else conflict;
 * - the latest Succeeded of the pair is the wanted type (or none, and the wanted state is the
 *   default): already.
 */
function pairState(machineId: string, wanted: MachineActionType, pair: [MachineActionType, MachineActionType], wantedIsDefault: boolean, matches: (a: MachineAction) => boolean) {
  return async (client: DefenderClient): Promise<Preflight | undefined> => {
    const lists = await Promise.all(pair.map((type) => actionsOfType(client, machineId, type)));
    const all = newestFirst(lists.flat());
    const pendingOther = all.find((a) => isPending(a) && a.type !== wanted);
    if (pendingOther) {
      return { kind: 'conflict', action: pendingOther, reason: `a ${pendingOther.type} action (${pendingOther.id}) requested by ${requestorOf(pendingOther)} is still ${pendingOther.status} and would undo this one` };
    }
    const pendingSame = all.find((a) => isPending(a) && a.type === wanted);
    if (pendingSame) {
      if (matches(pendingSame)) return { kind: 'adopt', action: pendingSame };
      return { kind: 'conflict', action: pendingSame, reason: `a different ${pendingSame.type} action (${pendingSame.id}, scope ${String(pendingSame.scope ?? 'none')}) requested by ${requestorOf(pendingSame)} is still ${pendingSame.status}` };
    }
    const [inState, notInState] = STATE_NAMES[wanted]!;
    const latest = all.find((a) => a.status === 'Succeeded');
    if (!latest) return wantedIsDefault ? { kind: 'already', action: null, reason: `machine is ${inState}: it never was ${notInState}` } : undefined;
    if (latest.type !== wanted) return undefined;
    return { kind: 'already', action: latest, reason: `machine is already ${inState} (${latest.type} action ${latest.id} requested by ${requestorOf(latest)} Succeeded)` };
  };
}

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

/** The commands an existing live response action carries, in our shape, for comparing requests. */
function sameCommands(action: MachineAction, wanted: LiveResponseCommand[]): boolean {
  const raw = (action as Record<string, unknown>).commands;
  if (!Array.isArray(raw)) return false;
  const theirs = raw.map((c) => (c as { command?: unknown }).command ?? c);
  const norm = (list: unknown[]) => JSON.stringify(list.map((c) => { const x = c as LiveResponseCommand; return { type: x.type, params: (x.params ?? []).map((p) => [p.key, p.value]) }; }));
  return norm(theirs) === norm(wanted);
}

const scopeIs = (wanted: string, fallback: string | null) => (a: MachineAction) => (a.scope ?? fallback) === wanted;
const anyOfType = () => true;

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
  return done({ ...succeededOutput(action, state), results });
};

export const machineActionHandlers: HandlerSpec[] = [
  machineActionHandler(machineIsolateAction, (p) => {
    const matches = scopeIs(p.isolation_type, 'Full');
    return {
      type: 'Isolate',
      describe: `${p.isolation_type} isolation`,
      matches,
      preflight: pairState(p.machine_id, 'Isolate', ISOLATION, false, matches),
      send: (c, comment) => c.isolateMachine(p.machine_id, { comment, isolationType: p.isolation_type }),
    };
  }),
  machineActionHandler(machineReleaseIsolationAction, (p) => ({
    type: 'Unisolate',
    describe: 'release from isolation',
    matches: anyOfType,
    preflight: pairState(p.machine_id, 'Unisolate', ISOLATION, true, anyOfType),
    send: (c, comment) => c.releaseMachineIsolation(p.machine_id, { comment }),
  })),
  machineActionHandler(machineAvScanAction, (p) => ({
    type: 'RunAntiVirusScan',
    describe: `${p.scan_type} antivirus scan`,
    matches: scopeIs(p.scan_type, null),
    send: (c, comment) => c.runAntivirusScan(p.machine_id, { comment, scanType: p.scan_type }),
  })),
  machineActionHandler(machineRestrictAppExecutionAction, (p) => ({
    type: 'RestrictCodeExecution',
    describe: 'app execution restriction',
    matches: anyOfType,
    preflight: pairState(p.machine_id, 'RestrictCodeExecution', RESTRICTION, false, anyOfType),
    send: (c, comment) => c.restrictAppExecution(p.machine_id, { comment }),
  })),
  machineActionHandler(machineUnrestrictAppExecutionAction, (p) => ({
    type: 'UnrestrictCodeExecution',
    describe: 'removal of the app execution restriction',
    matches: anyOfType,
    preflight: pairState(p.machine_id, 'UnrestrictCodeExecution', RESTRICTION, true, anyOfType),
    send: (c, comment) => c.unrestrictAppExecution(p.machine_id, { comment }),
  })),
  machineActionHandler(machineCollectInvestigationPackageAction, (p) => ({
    type: 'CollectInvestigationPackage',
    describe: 'investigation package collection',
    matches: anyOfType,
    send: (c, comment) => c.collectInvestigationPackage(p.machine_id, { comment }),
  })),
  machineActionHandler(machineStopAndQuarantineFileAction, (p) => ({
    type: 'StopAndQuarantineFile',
    describe: `stop and quarantine of file ${p.sha1}`,
    matches: (a) => {
      const info = (a as Record<string, unknown>).relatedFileInfo as { fileIdentifier?: string } | null | undefined;
      return typeof info?.fileIdentifier === 'string' && info.fileIdentifier.toLowerCase() === p.sha1.toLowerCase();
    },
    send: (c, comment) => c.stopAndQuarantineFile(p.machine_id, { comment, sha1: p.sha1 }),
  })),
  machineActionHandler(
    machineLiveResponseAction,
    (p) => {
      const commands = liveResponseCommands(p.commands);
      return {
        type: 'LiveResponse',
        describe: `live response (${commands.map((c) => c.type).join(', ')})`,
        matches: (a) => sameCommands(a, commands),
        send: (c, comment) => c.runLiveResponse(p.machine_id, { comment, commands }),
      };
    },
    liveResponseFinish,
  ),
  handler({
    definition: machineActionPackageUriAction,
    // Poll the action (cheap, default quota) until Succeeded; only then spend the 2/min package quota.
    execute: (client, p, ctx, { flow }) => flow.watch(client, p.machine_action_id, ctx, packageFinish(flow)),
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
      if (error instanceof DefenderApiError && error.code === DEFENDER_ERROR_CODES.notFound) return flow.waitForLink(action, state);
      throw error;
    }
  };
}
