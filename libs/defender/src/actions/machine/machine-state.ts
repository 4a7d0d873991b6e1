import type { DefenderClient } from '../../defender.client';
import type { MachineAction, MachineActionType } from '../../defender.types';
import { actionsOfType, isPending, newestFirst, requestorOf } from '../../handlers/machine-action-lookup';
import type { Preflight } from '../../handlers/machine-action.flow';

export const ISOLATION: [MachineActionType, MachineActionType] = ['Isolate', 'Unisolate'];
export const RESTRICTION: [MachineActionType, MachineActionType] = ['RestrictCodeExecution', 'UnrestrictCodeExecution'];
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
export function pairState(machineId: string, wanted: MachineActionType, pair: [MachineActionType, MachineActionType], wantedIsDefault: boolean, matches: (a: MachineAction) => boolean) {
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

export const scopeIs = (wanted: string, fallback: string | null) => (a: MachineAction) => (a.scope ?? fallback) === wanted;
export const anyOfType = () => true;
