import type { MachineActionRecord } from '../state/machine-action-record';
import { DAY_MS, HOUR_MS } from '../state/time';
import { SEED } from './seed-ids';

const M = SEED.machines;

function past(base: number, fields: Pick<MachineActionRecord, 'id' | 'type' | 'machineId' | 'computerDnsName' | 'requestorComment'> & Partial<MachineActionRecord>, agoMs: number): MachineActionRecord {
  return {
    scope: null,
    title: null,
    requestor: 'secops@contoso.com',
    createdAt: base - agoMs,
    schedule: { pendingMs: 40_000, inProgressMs: 75_000 },
    outcome: 'Succeeded',
    externalId: null,
    relatedFileInfo: null,
    commands: [],
    cancellation: null,
    ...fields,
  };
}

/** History that makes the tenant look used; oldest first (the list endpoint returns newest first). */
export function seedMachineActions(base: number): MachineActionRecord[] {
  return [
    past(base, {
      id: SEED.machineActions.dcLiveResponseFailed, type: 'LiveResponse', machineId: M.domainController.id, computerDnsName: M.domainController.computerDnsName,
      requestorComment: 'Collect DNS cache', outcome: 'Failed', commands: [{ type: 'RunScript', params: [{ key: 'ScriptName', value: 'Get-DnsCache.ps1' }] }],
    }, 5 * DAY_MS),
    past(base, {
      id: SEED.machineActions.hrIsolation, type: 'Isolate', scope: 'Full', machineId: M.hrWorkstation.id, computerDnsName: M.hrWorkstation.computerDnsName,
      requestorComment: 'Phishing follow-up: isolate until reimaged',
    }, 2 * DAY_MS),
    past(base, {
      id: SEED.machineActions.sqlScan, type: 'RunAntiVirusScan', scope: 'Full', machineId: M.sqlServer.id, computerDnsName: M.sqlServer.computerDnsName,
      requestorComment: 'Full scan after custom indicator match',
    }, 9 * HOUR_MS),
    past(base, {
      id: SEED.machineActions.financePackage, type: 'CollectInvestigationPackage', machineId: M.financeWorkstation.id, computerDnsName: M.financeWorkstation.computerDnsName,
      requestorComment: 'Evidence for Emotet case',
    }, 4 * HOUR_MS),
  ];
}
