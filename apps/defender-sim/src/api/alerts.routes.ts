import { z } from 'zod';
import { ANY, ROLES } from '../auth/roles';
import { badRequest, notFound } from '../http/api-error';
import { emptyResponse } from '../http/sim-response';
import { applyFilterAndOrder, collectionResponse } from '../odata/collection';
import type { Alert } from '../state/entities';
import { domainsOfAlert, filesOfAlert, ipsOfAlert } from '../state/evidence-relations';
import { alertChangesShape, alertChangesSchema, applyAlertChanges } from './alert-update';
import { ALERT_FILTER_FIELDS, alertRenderer } from './alert.view';
import { collectionRequest, type ApiContext, type ApiRoute } from './api-route';
import { countResponse, entityResponse, valuesResponse } from './entity-response';
import { parseRequestBody } from './request-body';
import { userEntity } from './user.view';

function findAlert(ctx: ApiContext): Alert {
  const alert = ctx.sim.store.alerts.get(ctx.params.id!);
  if (!alert) throw notFound(`Alert ${ctx.params.id} was not found`);
  return alert;
}

const batchUpdateSchema = z.strictObject({ alertIds: z.array(z.string()).min(1), ...alertChangesShape });

import { visibleTo } from '../auth/delegated-access';

/** Alerts and their related entities (REFERENCE §3.4). */
export const ALERT_ROUTES: ApiRoute[] = [
  {
    name: 'alerts.list', method: 'GET', path: '/alerts', roles: ANY.alertRead, group: 'default',
    handle: (ctx) => collectionResponse(collectionRequest(ctx), { setName: 'Alerts', items: [...ctx.sim.store.alerts.values()].filter((a) => visibleTo(ctx.principal, a.rbacGroupName)), fields: ALERT_FILTER_FIELDS, render: alertRenderer(ctx.query) }),
  },
  {
    name: 'alerts.count', method: 'GET', path: '/alerts/$count', roles: ANY.alertRead, group: 'default',
    handle: (ctx) => countResponse(applyFilterAndOrder(ctx.query, [...ctx.sim.store.alerts.values()], ALERT_FILTER_FIELDS).length),
  },
  {
    name: 'alerts.batchUpdate', method: 'POST', path: '/alerts/batchUpdate', roles: ANY.alertWrite, group: 'alertsBatchUpdate',
    handle: (ctx) => {
      const { alertIds, ...changes } = parseRequestBody(batchUpdateSchema, ctx.body);
      const missing = alertIds.filter((id) => !ctx.sim.store.alerts.has(id));
      if (missing.length > 0) throw notFound(`Alerts ${missing.join(', ')} were not found`);
      const now = ctx.sim.now();
      for (const id of alertIds) applyAlertChanges(ctx.sim.store.alerts.get(id)!, changes, ctx.principal.clientId, now);
      // Documented answer: 200 with an empty body.
      return emptyResponse(200);
    },
  },
  {
    name: 'alerts.get', method: 'GET', path: '/alerts/:id', roles: ANY.alertRead, group: 'default',
    handle: (ctx) => entityResponse(ctx, 'Alerts', findAlert(ctx)),
  },
  {
    name: 'alerts.update', method: 'PATCH', path: '/alerts/:id', roles: ANY.alertWrite, group: 'default',
    handle: (ctx) => {
      const alert = findAlert(ctx);
      const changes = parseRequestBody(alertChangesSchema, ctx.body);
      if (Object.keys(changes).length === 0) throw badRequest('InvalidRequestBody', 'Request body is incorrect: no property to update.');
      applyAlertChanges(alert, changes, ctx.principal.clientId, ctx.sim.now());
      return entityResponse(ctx, 'Alerts', alert);
    },
  },
  {
    name: 'alerts.files', method: 'GET', path: '/alerts/:id/files', roles: [ROLES.fileRead], group: 'default',
    handle: (ctx) => valuesResponse(ctx, 'Files', filesOfAlert(ctx.sim.store, findAlert(ctx))),
  },
  {
    name: 'alerts.ips', method: 'GET', path: '/alerts/:id/ips', roles: [ROLES.ipRead], group: 'default',
    handle: (ctx) => valuesResponse(ctx, 'Ips', ipsOfAlert(findAlert(ctx)).map((id) => ({ id }))),
  },
  {
    name: 'alerts.domains', method: 'GET', path: '/alerts/:id/domains', roles: ANY.url, group: 'default',
    handle: (ctx) => valuesResponse(ctx, 'Domains', domainsOfAlert(findAlert(ctx)).map((host) => ({ host }))),
  },
  {
    name: 'alerts.machine', method: 'GET', path: '/alerts/:id/machine', roles: ANY.machineRead, group: 'default',
    handle: (ctx) => {
      const alert = findAlert(ctx);
      const machine = ctx.sim.store.machines.get(alert.machineId);
      if (!machine) throw notFound(`Machine ${alert.machineId} was not found`, 'ResourceNotFound');
      return entityResponse(ctx, 'Machines', machine);
    },
  },
  {
    name: 'alerts.user', method: 'GET', path: '/alerts/:id/user', roles: [ROLES.userRead], group: 'default',
    handle: (ctx) => {
      const alert = findAlert(ctx);
      const user = alert.relatedUser ? userEntity(ctx.sim.store, alert.relatedUser.userName, alert.relatedUser.domainName) : null;
      if (!user) throw notFound(`User related to alert ${alert.id} was not found`);
      return entityResponse(ctx, 'Users', user);
    },
  },
];
