import {
  domainAlertsAction,
  domainMachinesAction,
  domainStatsAction,
  fileAlertsAction,
  fileGetAction,
  fileMachinesAction,
  fileStatsAction,
  huntingQueryAction,
  ipAlertsAction,
  ipStatsAction,
  userAlertsAction,
  userMachinesAction,
} from '@soar/contracts';
import { done, handler } from './handler-spec';

export const enrichmentHandlers = [
  handler({ definition: fileGetAction, execute: async (client, p) => done(await client.getFile(p.file_hash)) }),
  handler({
    definition: fileStatsAction,
    execute: async (client, p) => done(await client.getFileStats(p.file_hash, { lookBackHours: p.lookback_hours })),
  }),
  handler({ definition: fileAlertsAction, execute: async (client, p) => done({ alerts: await client.listFileAlerts(p.sha1, { limit: p.limit }) }) }),
  handler({ definition: fileMachinesAction, execute: async (client, p) => done({ machines: await client.listFileMachines(p.sha1, { limit: p.limit }) }) }),
  handler({
    definition: ipStatsAction,
    execute: async (client, p) => done(await client.getIpStats(p.ip, { lookBackHours: p.lookback_hours })),
  }),
  handler({ definition: ipAlertsAction, execute: async (client, p) => done({ alerts: await client.listIpAlerts(p.ip, { limit: p.limit }) }) }),
  handler({
    definition: domainStatsAction,
    execute: async (client, p) => done(await client.getDomainStats(p.domain, { lookBackHours: p.lookback_hours })),
  }),
  handler({ definition: domainAlertsAction, execute: async (client, p) => done({ alerts: await client.listDomainAlerts(p.domain, { limit: p.limit }) }) }),
  handler({
    definition: domainMachinesAction,
    execute: async (client, p) => done({ machines: await client.listDomainMachines(p.domain, { limit: p.limit }) }),
  }),
  handler({ definition: userAlertsAction, execute: async (client, p) => done({ alerts: await client.listUserAlerts(p.user_name, { limit: p.limit }) }) }),
  handler({
    definition: userMachinesAction,
    execute: async (client, p) => done({ machines: await client.listUserMachines(p.user_name, { limit: p.limit }) }),
  }),
  handler({
    definition: huntingQueryAction,
    execute: async (client, p) => {
      const r = await client.huntingQuery(p.query);
      return done({ schema: r.Schema, results: r.Results, ...(r.Stats !== undefined ? { stats: r.Stats } : {}) });
    },
  }),
];
