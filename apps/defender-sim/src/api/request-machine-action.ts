import { randomUUID } from 'node:crypto';
import { badRequest } from '../http/api-error';
import type { SimResponse } from '../http/sim-response';
import type { Machine } from '../state/entities';
import type { LiveResponseCommand, MachineActionRecord, MachineActionType } from '../state/machine-action-record';
import { actionTimeline, isActive } from '../state/machine-action-timeline';
import { machineFlags } from '../state/machine-flags';
import type { ApiContext } from './api-route';
import { entityResponse } from './entity-response';
import { renderMachineAction } from './machine-action.view';

export interface ActionRequest {
  type: MachineActionType;
  comment: string;
  scope?: string | null;
  relatedFileInfo?: MachineActionRecord['relatedFileInfo'];
  commands?: LiveResponseCommand[];
}

/** Not available on Linux/macOS sensors (REFERENCE §5.1 platform notes). */
const WINDOWS_ONLY = new Set<MachineActionType>(['RestrictCodeExecution', 'UnrestrictCodeExecution', 'RunAntiVirusScan', 'StopAndQuarantineFile', 'Offboard']);

/**
 * Creates a machine action after the service's checks: platform support, then a duplicate
 * active action of the same type on the device (REFERENCE §5.4, behaviour per `conflictMode`).
 */
export function requestMachineAction(ctx: ApiContext, machine: Machine, request: ActionRequest): SimResponse {
  const { sim } = ctx;
  const now = sim.now();
  checkPlatform(machine, request);

  const existing = sim.store.actionsOfMachine(machine.id).find((a) => a.type === request.type && isActive(actionTimeline(a, now).status));
  if (existing) {
    if (sim.config.conflictMode === 'error') throw badRequest('ActiveRequestAlreadyExists', 'Action is already in progress');
    return entityResponse(ctx, 'MachineActions', renderMachineAction(existing, now), 200);
  }

  const action: MachineActionRecord = {
    id: randomUUID(),
    type: request.type,
    scope: request.scope ?? null,
    title: null,
    requestor: ctx.principal.displayName,
    requestorComment: request.comment,
    machineId: machine.id,
    computerDnsName: machine.computerDnsName,
    createdAt: now,
    schedule: { ...sim.config.actionSchedule },
    outcome: sim.outcomes.take(machine.id, request.type) ?? defaultOutcome(ctx, machine, request.type, now),
    externalId: null,
    relatedFileInfo: request.relatedFileInfo ?? null,
    commands: request.commands ?? [],
    cancellation: null,
  };
  sim.store.machineActions.set(action.id, action);
  const status = request.type === 'Offboard' ? sim.config.offboardStatusCode : 201;
  return entityResponse(ctx, 'MachineActions', renderMachineAction(action, now), status);
}

function checkPlatform(machine: Machine, request: ActionRequest): void {
  const windows = machine.osPlatform.toLowerCase().startsWith('windows');
  const selective = request.type === 'Isolate' && request.scope === 'Selective';
  if (!windows && (WINDOWS_ONLY.has(request.type) || selective)) {
    const what = selective ? 'Selective isolation' : request.type;
    throw badRequest('OsPlatformNotSupported', `${what} is not supported on OS platform '${machine.osPlatform}'.`);
  }
}

/** Isolating an isolated device is undocumented (§5.4); `isolateWhenIsolated` picks the behaviour. */
function defaultOutcome(ctx: ApiContext, machine: Machine, type: MachineActionType, now: number) {
  if (type !== 'Isolate' || ctx.sim.config.isolateWhenIsolated === 'succeed') return 'Succeeded' as const;
  const flags = machineFlags(ctx.sim.store.actionsOfMachine(machine.id), ctx.sim.store.initialFlags.get(machine.id) ?? {}, now);
  return flags.isolated ? ('stay-pending' as const) : ('Succeeded' as const);
}
