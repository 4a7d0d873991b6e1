import { randomInt } from 'node:crypto';
import type { Alert } from './entities';
import type { SimStore } from './store';
import { toDefenderTime } from './time';

/** .NET ticks at the Unix epoch: EDR alert ids embed creation ticks (`da<18 digits>_<int>`). */
const EPOCH_TICKS = 621_355_968_000_000_000n;

export function newAlertId(now: number): string {
  return `da${BigInt(now) * 10_000n + EPOCH_TICKS}_${randomInt(-2_147_483_647, 2_147_483_647)}`;
}

export interface NewAlertInput {
  /** Alert copied for everything not overridden (entities, evidence, texts). */
  template: Alert;
  fields?: Partial<Alert>;
}

/**
 * A fresh alert as Defender would raise it now: new id, current timestamps, open and unassigned.
 * Evidence timestamps move with it so polling by time sees consistent data.
 */
export function createAlert(store: SimStore, now: number, input: NewAlertInput): Alert {
  const t = structuredClone(input.template);
  const at = toDefenderTime(now);
  const alert: Alert = {
    ...t,
    id: newAlertId(now),
    incidentId: (t.incidentId ?? 5000) + 1000 + store.alerts.size,
    investigationId: null,
    investigationState: 'Queued',
    assignedTo: null,
    status: 'New',
    classification: null,
    determination: null,
    alertCreationTime: at,
    firstEventTime: toDefenderTime(now - 120_000),
    lastEventTime: toDefenderTime(now - 60_000),
    lastUpdateTime: at,
    resolvedTime: null,
    comments: [],
    evidence: t.evidence.map((e) => ({ ...e, evidenceCreationTime: at })),
    ...input.fields,
  };
  if (input.fields?.machineId) {
    const machine = store.findMachine(input.fields.machineId);
    if (machine) {
      alert.machineId = machine.id;
      alert.computerDnsName = input.fields.computerDnsName ?? machine.computerDnsName;
      alert.rbacGroupName = input.fields.rbacGroupName ?? machine.rbacGroupName;
    }
  }
  store.alerts.set(alert.id, alert);
  return alert;
}
