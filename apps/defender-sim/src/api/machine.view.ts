import type { FilterFields } from '../odata/filter-evaluator';
import type { Machine } from '../state/entities';
import { notFound } from '../http/api-error';
import type { ApiContext } from './api-route';

/** `$filter` properties documented for GET /api/machines (REFERENCE §4.2). */
export const MACHINE_FILTER_FIELDS: FilterFields<Machine> = {
  computerDnsName: { kind: 'string', get: (m) => m.computerDnsName },
  id: { kind: 'string', get: (m) => m.id },
  version: { kind: 'string', get: (m) => m.version },
  deviceValue: { kind: 'string', get: (m) => m.deviceValue },
  aadDeviceId: { kind: 'string', get: (m) => m.aadDeviceId },
  machineTags: { kind: 'stringArray', get: (m) => m.machineTags },
  lastSeen: { kind: 'datetime', get: (m) => m.lastSeen },
  exposureLevel: { kind: 'string', get: (m) => m.exposureLevel },
  onboardingStatus: { kind: 'string', get: (m) => m.onboardingStatus },
  lastIpAddress: { kind: 'string', get: (m) => m.lastIpAddress },
  healthStatus: { kind: 'string', get: (m) => m.healthStatus },
  osPlatform: { kind: 'string', get: (m) => m.osPlatform },
  riskScore: { kind: 'string', get: (m) => m.riskScore },
  rbacGroupId: { kind: 'number', get: (m) => m.rbacGroupId },
};

/** By id or computer DNS name; unknown → 404 ResourceNotFound as in samples/error-not-found.json. */
export function findMachineOr404(ctx: ApiContext, idOrName = ctx.params.id!): Machine {
  const machine = ctx.sim.store.findMachine(idOrName);
  if (!machine) throw notFound(`Machine ${idOrName} was not found`, 'ResourceNotFound');
  return machine;
}

/** Machine tags are compared case-insensitively by the service [UNCONFIRMED]. */
export function changeTag(machine: Machine, value: string, action: 'Add' | 'Remove'): void {
  const existing = machine.machineTags.findIndex((t) => t.toLowerCase() === value.toLowerCase());
  if (action === 'Add' && existing < 0) machine.machineTags.push(value);
  if (action === 'Remove' && existing >= 0) machine.machineTags.splice(existing, 1);
}
