import { ANY, ROLES } from '../auth/roles';
import { notFound } from '../http/api-error';
import { odataResponse } from '../http/sim-response';
import { collectionResponse } from '../odata/collection';
import type { Alert, Evidence, Machine } from '../state/entities';
import { alertMentionsFile, alertMentionsUser, hostOf } from '../state/evidence-relations';
import { prevalence } from '../state/prevalence';
import { ALERT_FILTER_FIELDS, alertRenderer } from './alert.view';
import { collectionRequest, type ApiContext, type ApiRoute } from './api-route';
import { entityResponse } from './entity-response';
import { lookBackStart, requireDomain, requireFileHash, requireIp } from './enrichment-params';
import { MACHINE_FILTER_FIELDS } from './machine.view';
import { logonsOf } from './user.view';

const alerts = (ctx: ApiContext) => [...ctx.sim.store.alerts.values()];
const alertList = (ctx: ApiContext, items: Alert[]) =>
  collectionResponse(collectionRequest(ctx), { setName: 'Alerts', items, fields: ALERT_FILTER_FIELDS, render: alertRenderer(ctx.query) });
const machineList = (ctx: ApiContext, ids: Iterable<string>, cap = 10_000) => {
  const items = [...new Set(ids)].map((id) => ctx.sim.store.machines.get(id)).filter((m): m is Machine => m !== undefined).slice(0, cap);
  return collectionResponse(collectionRequest(ctx), { setName: 'Machines', items, fields: MACHINE_FILTER_FIELDS, render: (m) => m });
};
const statsResponse = (ctx: ApiContext, type: string, body: object) =>
  odataResponse(200, { '@odata.context': `${ctx.sim.urls.apiBaseUrl}/api/$metadata#microsoft.windowsDefenderATP.api.${type}`, ...body });

const ipMatches = (ip: string) => (e: Evidence) => e.ipAddress === ip || (e.url !== null && hostOf(e.url) === ip);
const domainMatches = (domain: string) => (e: Evidence) => e.url !== null && (hostOf(e.url) === domain || (hostOf(e.url) ?? '').endsWith(`.${domain}`));

/** Files, IPs, domains and users (REFERENCE §7, related lists of §3.4/§4.2). */
export const ENRICHMENT_ROUTES: ApiRoute[] = [
  {
    name: 'files.get', method: 'GET', path: '/files/:hash', roles: [ROLES.fileRead], group: 'default',
    handle: (ctx) => {
      const file = ctx.sim.store.findFile(requireFileHash(ctx.params.hash!));
      if (!file) throw notFound(`File ${ctx.params.hash} was not found`);
      return entityResponse(ctx, 'Files', file);
    },
  },
  {
    name: 'files.stats', method: 'GET', path: '/files/:hash/stats', roles: [ROLES.fileRead], group: 'default',
    handle: (ctx) => {
      const file = ctx.sim.store.findFile(requireFileHash(ctx.params.hash!));
      if (!file) throw notFound(`File ${ctx.params.hash} was not found`);
      const p = prevalence(alerts(ctx), (e) => e.sha1 === file.sha1, lookBackStart(ctx));
      return statsResponse(ctx, 'InOrgFileStats', {
        sha1: file.sha1, organizationPrevalence: p.machineIds.size, orgFirstSeen: p.firstSeen, orgLastSeen: p.lastSeen,
        globallyPrevalence: file.globalPrevalence, globalFirstObserved: file.globalFirstObserved, globalLastObserved: file.globalLastObserved, topFileNames: p.fileNames,
      });
    },
  },
  {
    name: 'files.alerts', method: 'GET', path: '/files/:hash/alerts', roles: ANY.alertRead, group: 'default',
    handle: (ctx) => {
      const hash = requireFileHash(ctx.params.hash!);
      return alertList(ctx, alerts(ctx).filter((a) => alertMentionsFile(a, hash)));
    },
  },
  {
    name: 'files.machines', method: 'GET', path: '/files/:hash/machines', roles: ANY.machineRead, group: 'default',
    handle: (ctx) => {
      const hash = requireFileHash(ctx.params.hash!, true);
      return machineList(ctx, alerts(ctx).filter((a) => alertMentionsFile(a, hash)).map((a) => a.machineId));
    },
  },
  {
    name: 'ips.stats', method: 'GET', path: '/ips/:ip/stats', roles: [ROLES.ipRead], group: 'default',
    handle: (ctx) => {
      const ip = requireIp(ctx.params.ip!);
      const p = prevalence(alerts(ctx), ipMatches(ip), lookBackStart(ctx));
      return statsResponse(ctx, 'InOrgIPStats', { ipAddress: ip, organizationPrevalence: p.machineIds.size, orgFirstSeen: p.firstSeen, orgLastSeen: p.lastSeen });
    },
  },
  {
    name: 'ips.alerts', method: 'GET', path: '/ips/:ip/alerts', roles: ANY.alertRead, group: 'default',
    handle: (ctx) => {
      const ip = requireIp(ctx.params.ip!);
      return alertList(ctx, alerts(ctx).filter((a) => a.evidence.some(ipMatches(ip))));
    },
  },
  {
    name: 'domains.stats', method: 'GET', path: '/domains/:domain/stats', roles: ANY.url, group: 'default',
    handle: (ctx) => {
      const domain = requireDomain(ctx.params.domain!);
      const p = prevalence(alerts(ctx), domainMatches(domain), lookBackStart(ctx));
      return statsResponse(ctx, 'InOrgDomainStats', { host: domain, organizationPrevalence: p.machineIds.size, orgFirstSeen: p.firstSeen, orgLastSeen: p.lastSeen });
    },
  },
  {
    name: 'domains.alerts', method: 'GET', path: '/domains/:domain/alerts', roles: ANY.alertRead, group: 'default',
    handle: (ctx) => {
      const domain = requireDomain(ctx.params.domain!);
      return alertList(ctx, alerts(ctx).filter((a) => a.evidence.some(domainMatches(domain))));
    },
  },
  {
    // Capped at 500 devices (REFERENCE §4.2).
    name: 'domains.machines', method: 'GET', path: '/domains/:domain/machines', roles: ANY.machineRead, group: 'default',
    handle: (ctx) => {
      const domain = requireDomain(ctx.params.domain!);
      return machineList(ctx, alerts(ctx).filter((a) => a.evidence.some(domainMatches(domain))).map((a) => a.machineId), 500);
    },
  },
  {
    name: 'users.alerts', method: 'GET', path: '/users/:user/alerts', roles: ANY.alertRead, group: 'default',
    handle: (ctx) => alertList(ctx, alerts(ctx).filter((a) => alertMentionsUser(a, ctx.params.user!))),
  },
  {
    name: 'users.machines', method: 'GET', path: '/users/:user/machines', roles: ANY.machineRead, group: 'default',
    handle: (ctx) => machineList(ctx, logonsOf(ctx.sim.store, ctx.params.user!).map((l) => l.machineId)),
  },
];
