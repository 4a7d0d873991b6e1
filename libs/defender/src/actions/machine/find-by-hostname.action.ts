import { z } from 'zod';
import { DEFENDER_ERROR_CODES, machineSchema } from '@soar/contracts';
import { DefenderApiError } from '../../defender-api.error';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const machineFindByHostname = defenderAction({
  name: 'defender.machine.find_by_hostname',
  title: 'Find machine by hostname',
  description:
    'Finds the one machine whose computer DNS name equals the name (case-insensitive), or whose short hostname (before the first dot) does when exactly one machine matches. Never matches substrings; fails naming the candidates when none or several different machines match. Several records of one device (same full name) resolve to the Active record seen most recently, reported in `resolution` and `duplicates`.',
  params: z.strictObject({
    hostname: z.string().min(1).max(255),
    /**
     * `fail` (default) fails the step when no machine or several different machines match;
     * `report` ends it with `{ result: 'unresolved', id: null, hostname, reason }` so a multi-target
     * playbook can go on with the other names.
     */
    on_unresolved: z.enum(['fail', 'report']).default('fail'),
  }),
  output: machineSchema.extend({ id: z.string().nullable(), result: z.enum(['done', 'unresolved']).optional(), reason: z.string().optional() }),
  permissions: DEFENDER_PERMISSIONS.machineRead,
  sideEffect: false,
  execute: async (client, p) => {
    try {
      return done({ ...(await client.findMachineByHostname(p.hostname)), result: 'done' });
    } catch (error) {
      const unresolved = [DEFENDER_ERROR_CODES.machineNotFound, DEFENDER_ERROR_CODES.machineAmbiguous] as string[];
      if (p.on_unresolved !== 'report' || !(error instanceof DefenderApiError) || !unresolved.includes(error.code)) throw error;
      return done({ result: 'unresolved', id: null, hostname: p.hostname, computerDnsName: null, reason: error.message });
    }
  },
});
