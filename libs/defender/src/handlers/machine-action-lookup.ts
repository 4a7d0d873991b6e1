import type { DefenderClient } from '../defender.client';
import type { MachineAction, MachineActionType } from '../defender.types';
import { odataString } from '../odata';

export const PENDING_STATUSES = new Set(['Pending', 'InProgress']);

export const isPending = (a: MachineAction): boolean => PENDING_STATUSES.has(a.status);

/** Newest first by last update (falling back to creation); Defender's own order is not guaranteed. */
export function newestFirst(actions: MachineAction[]): MachineAction[] {
  const time = (a: MachineAction) => {
    const r = a as Record<string, unknown>;
    const t = Date.parse(String(r.lastUpdateDateTimeUtc ?? r.lastUpdateTimeUtc ?? r.creationDateTimeUtc ?? ''));
    return Number.isNaN(t) ? 0 : t;
  };
  return [...actions].sort((a, b) => time(b) - time(a));
}

/** Every action of `type` on the machine (any status). */
export function actionsOfType(client: DefenderClient, machineId: string, type: MachineActionType): Promise<MachineAction[]> {
  return client.listMachineActions({ filter: `machineId eq ${odataString(machineId)} and type eq ${odataString(type)}`, limit: 10_000 });
}

/** Every action on the machine (any type and status), newest first. */
export async function actionsOfMachine(client: DefenderClient, machineId: string): Promise<MachineAction[]> {
  return newestFirst(await client.listMachineActions({ filter: `machineId eq ${odataString(machineId)}`, limit: 10_000 }));
}

/** Latest Succeeded action of any of `types` on the machine, or null. */
export async function latestSucceeded(client: DefenderClient, machineId: string, types: MachineActionType[]): Promise<MachineAction | null> {
  const lists = await Promise.all(
    types.map((type) => client.listMachineActions({ filter: `machineId eq ${odataString(machineId)} and type eq ${odataString(type)} and status eq 'Succeeded'` })),
  );
  return newestFirst(lists.flat())[0] ?? null;
}

export const hasTag = (a: MachineAction, tag: string): boolean => typeof a.requestorComment === 'string' && a.requestorComment.includes(tag);

/** Who asked for an action, for reports ("requested by …"). */
export function requestorOf(a: MachineAction): string {
  const r = (a as Record<string, unknown>).requestor;
  return typeof r === 'string' && r ? r : 'unknown requestor';
}
