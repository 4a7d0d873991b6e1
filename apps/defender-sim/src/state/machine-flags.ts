import type { MachineActionRecord, MachineActionType } from './machine-action-record';
import { actionTimeline } from './machine-action-timeline';

/** Device state Defender does not expose on the Machine entity (REFERENCE §4.1); the control API shows it. */
export interface MachineFlags {
  isolated: boolean;
  isolationType: string | null;
  restricted: boolean;
  offboarded: boolean;
}

export interface InitialMachineFlags {
  isolated?: boolean;
  restricted?: boolean;
}

/**
 * Derives the flags from the latest succeeded action of each on/off pair, so the state follows
 * the lazily computed action statuses and needs no timers.
 */
export function machineFlags(actions: Iterable<MachineActionRecord>, initial: InitialMachineFlags, now: number): MachineFlags {
  const latest = new Map<MachineActionType, { at: number; action: MachineActionRecord }>();
  for (const action of actions) {
    const timeline = actionTimeline(action, now);
    if (timeline.status !== 'Succeeded' || timeline.completedAt === null) continue;
    const previous = latest.get(action.type);
    if (!previous || previous.at <= timeline.completedAt) latest.set(action.type, { at: timeline.completedAt, action });
  }
  const isolate = latest.get('Isolate');
  const isolated = pairState(isolate?.at, latest.get('Unisolate')?.at, initial.isolated ?? false);
  return {
    isolated,
    isolationType: isolated ? (isolate?.action.scope ?? 'Full') : null,
    restricted: pairState(latest.get('RestrictCodeExecution')?.at, latest.get('UnrestrictCodeExecution')?.at, initial.restricted ?? false),
    offboarded: latest.has('Offboard'),
  };
}

function pairState(onAt: number | undefined, offAt: number | undefined, initial: boolean): boolean {
  if (onAt === undefined && offAt === undefined) return initial;
  if (offAt === undefined) return true;
  if (onAt === undefined) return false;
  return onAt > offAt;
}
