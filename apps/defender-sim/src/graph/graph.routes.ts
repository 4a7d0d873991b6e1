import type { ApiRoute } from '../api/api-route';
import { collectionRequest } from '../api/api-route';
import { collectionResponse } from '../odata/collection';
import { GRAPH_ALERT_FILTER_FIELDS, graphAlert } from './graph-alert.view';
import { graphHuntingRoute } from './graph-hunting.route';

/** Graph permissions (application roles on the Microsoft Graph resource). */
export const GRAPH_ROLES = { securityAlertRead: 'SecurityAlert.Read.All', securityAlertReadWrite: 'SecurityAlert.ReadWrite.All', threatHunting: 'ThreatHunting.Read.All' } as const;

/** Microsoft Graph security endpoints, under `/v1.0` (paths here are relative to it). */
export const GRAPH_ROUTES: ApiRoute[] = [
  {
    name: 'graph.alerts_v2.list', method: 'GET', path: '/security/alerts_v2', roles: [GRAPH_ROLES.securityAlertRead, GRAPH_ROLES.securityAlertReadWrite], group: 'default',
    handle: (ctx) => collectionResponse(collectionRequest(ctx), { setName: 'security/alerts_v2', items: [...ctx.sim.store.alerts.values()], fields: GRAPH_ALERT_FILTER_FIELDS, render: graphAlert, maxTop: 2000 }),
  },
  graphHuntingRoute([GRAPH_ROLES.threatHunting]),
];
