import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MACHINE_ACTION_TYPES, TERMINAL_STATUSES, type MachineActionRecord } from '../state/machine-action-record';
import type { Machine } from '../state/entities';
import type { SimContext } from '../sim-context';

/**
 * Control-API inputs that put the tenant in situations a real Defender shows and a seed does not:
 * someone else's action (pending or finished, with its parameters and a scripted status path), and
 * machines with a given health or a duplicated name.
 */
export const scriptedActionSchema = z.strictObject({
  machineId: z.string(),
  type: z.enum(MACHINE_ACTION_TYPES),
  /** Who asked for it (an analyst's UPN, another app's name). */
  requestor: z.string().default('analyst@contoso.com'),
  requestorComment: z.string().default('Requested from the portal'),
  /** Isolation type or scan type. */
  scope: z.string().nullable().default(null),
  sha1: z.string().optional(),
  commands: z.array(z.strictObject({ type: z.string(), params: z.array(z.strictObject({ key: z.string(), value: z.string() })) })).default([]),
  /** Status script: Pending for pendingMs, InProgress for inProgressMs, then `outcome` (or Pending forever). */
  outcome: z.enum([...TERMINAL_STATUSES, 'stay-pending']).default('Succeeded'),
  pendingMs: z.number().int().nonnegative().optional(),
  inProgressMs: z.number().int().nonnegative().optional(),
  /** Created this long ago (so an already finished action can be placed in the past). */
  ageMs: z.number().int().nonnegative().default(0),
});

export function createScriptedAction(sim: SimContext, input: z.infer<typeof scriptedActionSchema>): MachineActionRecord | null {
  const machine = sim.store.findMachine(input.machineId);
  if (!machine) return null;
  const action: MachineActionRecord = {
    id: randomUUID(),
    type: input.type,
    scope: input.scope,
    title: null,
    requestor: input.requestor,
    requestorComment: input.requestorComment,
    machineId: machine.id,
    computerDnsName: machine.computerDnsName,
    createdAt: sim.now() - input.ageMs,
    schedule: { pendingMs: input.pendingMs ?? sim.config.actionSchedule.pendingMs, inProgressMs: input.inProgressMs ?? sim.config.actionSchedule.inProgressMs },
    outcome: input.outcome,
    externalId: null,
    relatedFileInfo: input.sha1 ? { fileIdentifier: input.sha1.toLowerCase(), fileIdentifierType: 'Sha1' } : null,
    commands: input.commands,
    cancellation: null,
  };
  sim.store.machineActions.set(action.id, action);
  return action;
}

export const machinePatchSchema = z.strictObject({
  /** Patch this machine, or (with `copyOf`) create a new one from that machine. */
  id: z.string().optional(),
  copyOf: z.string().optional(),
  fields: z.looseObject({}).default({}),
});

/** Patches a machine, or adds a copy of one (a second record with the same name, e.g. a re-onboarded device). */
export function patchMachine(sim: SimContext, input: z.infer<typeof machinePatchSchema>): Machine | null {
  if (input.copyOf) {
    const source = sim.store.findMachine(input.copyOf);
    if (!source) return null;
    const id = randomUUID().replace(/-/g, '').padEnd(40, '0').slice(0, 40);
    const copy = { ...structuredClone(source), id, ...input.fields } as Machine;
    sim.store.machines.set(copy.id, copy);
    return copy;
  }
  const machine = input.id ? sim.store.findMachine(input.id) : undefined;
  if (!machine) return null;
  Object.assign(machine, input.fields);
  return machine;
}
