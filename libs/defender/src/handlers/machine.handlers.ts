import {
  DEFENDER_ERROR_CODES,
  machineAddTagAction,
  machineAlertsAction,
  machineFindByHostnameAction,
  machineFindByIpAction,
  machineFindByTagAction,
  machineGetAction,
  machineListAction,
  machineLogonUsersAction,
  machineRemoveTagAction,
  machineSoftwareAction,
  machineVulnerabilitiesAction,
} from '@soar/contracts';
import { DefenderApiError } from '../defender-api.error';
import { done, handler } from './handler-spec';

export const machineHandlers = [
  handler({ definition: machineGetAction, execute: async (client, p) => done(await client.getMachine(p.machine)) }),
  handler({
    definition: machineListAction,
    execute: async (client, p) => {
      const machines = await client.listMachines(p);
      return done({ machines, count: machines.length });
    },
  }),
  handler({
    definition: machineFindByIpAction,
    execute: async (client, p) => done({ machines: await client.findMachinesByIp(p.ip, p.timestamp) }),
  }),
  handler({
    definition: machineFindByHostnameAction,
    execute: async (client, p) => {
      try {
        return done({ ...(await client.findMachineByHostname(p.hostname)), result: 'done' });
      } catch (error) {
        const unresolved = [DEFENDER_ERROR_CODES.machineNotFound, DEFENDER_ERROR_CODES.machineAmbiguous] as string[];
        if (p.on_unresolved !== 'report' || !(error instanceof DefenderApiError) || !unresolved.includes(error.code)) throw error;
        return done({ result: 'unresolved', id: null, hostname: p.hostname, computerDnsName: null, reason: error.message });
      }
    },
  }),
  handler({
    definition: machineFindByTagAction,
    execute: async (client, p) => done({ machines: await client.findMachinesByTag(p.tag, { startsWith: p.starts_with }) }),
  }),
  handler({
    definition: machineLogonUsersAction,
    execute: async (client, p) => done({ users: await client.listMachineLogonUsers(p.machine_id) }),
  }),
  handler({
    definition: machineAlertsAction,
    execute: async (client, p) => done({ alerts: await client.listMachineAlerts(p.machine_id, { limit: p.limit }) }),
  }),
  handler({
    definition: machineVulnerabilitiesAction,
    execute: async (client, p) => done({ vulnerabilities: await client.listMachineVulnerabilities(p.machine_id) }),
  }),
  handler({
    definition: machineSoftwareAction,
    execute: async (client, p) => done({ software: await client.listMachineSoftware(p.machine_id) }),
  }),
  // Tag add/remove are idempotent in Defender, so a repeat after a lost response is harmless.
  handler({ definition: machineAddTagAction, execute: async (client, p) => done(await client.addMachineTag(p.machine_id, p.tag)) }),
  handler({ definition: machineRemoveTagAction, execute: async (client, p) => done(await client.removeMachineTag(p.machine_id, p.tag)) }),
];
