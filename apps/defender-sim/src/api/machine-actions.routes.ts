import { z } from 'zod';
import { ANY } from '../auth/roles';
import { badRequest, notFound } from '../http/api-error';
import { odataResponse } from '../http/sim-response';
import { collectionResponse } from '../odata/collection';
import type { MachineActionRecord } from '../state/machine-action-record';
import { actionTimeline, isActive } from '../state/machine-action-timeline';
import { collectionRequest, type ApiContext, type ApiRoute } from './api-route';
import { downloadUrl } from './downloads';
import { entityResponse } from './entity-response';
import { MACHINE_ACTION_FILTER_FIELDS, renderMachineAction } from './machine-action.view';
import { parseRequestBody } from './request-body';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const cancelSchema = z.strictObject({ Comment: z.string().optional() });

/** Action ids are Edm.Guid keys: anything else is a 400 before lookup (samples/error-bad-key-real.json). */
function findAction(ctx: ApiContext): MachineActionRecord {
  const id = ctx.params.id!;
  if (!GUID.test(id)) throw badRequest('BadRequest', `The key value (${id}) from request is not valid. The key value should be format of type 'Edm.Guid'.`);
  const action = ctx.sim.store.machineActions.get(id.toLowerCase()) ?? ctx.sim.store.machineActions.get(id);
  if (!action) throw notFound(`Machine action ${id} was not found`, 'ResourceNotFound');
  return action;
}

function edmString(ctx: ApiContext, value: string) {
  return odataResponse(200, { '@odata.context': `${ctx.sim.urls.apiBaseUrl}/api/$metadata#Edm.String`, value });
}

/** Machine action reads, cancel and result downloads (REFERENCE §5.1-§5.2). */
export const MACHINE_ACTION_ROUTES: ApiRoute[] = [
  {
    name: 'machineactions.list', method: 'GET', path: '/machineactions', roles: ANY.machineRead, group: 'default',
    handle: (ctx) => {
      const now = ctx.sim.now();
      // Newest first, as the doc examples list them (REFERENCE §5.2).
      const items = [...ctx.sim.store.machineActions.values()].sort((a, b) => b.createdAt - a.createdAt).map((a) => renderMachineAction(a, now));
      return collectionResponse(collectionRequest(ctx), { setName: 'MachineActions', items, fields: MACHINE_ACTION_FILTER_FIELDS, render: (a) => a });
    },
  },
  {
    name: 'machineactions.get', method: 'GET', path: '/machineactions/:id', roles: ANY.machineRead, group: 'default',
    handle: (ctx) => entityResponse(ctx, 'MachineActions', renderMachineAction(findAction(ctx), ctx.sim.now())),
  },
  {
    name: 'machineactions.cancel', method: 'POST', path: '/machineactions/:id/cancel', roles: ANY.cancel, group: 'default',
    handle: (ctx) => {
      const action = findAction(ctx);
      const body = parseRequestBody(cancelSchema, ctx.body);
      const now = ctx.sim.now();
      const status = actionTimeline(action, now).status;
      if (!isActive(status)) throw badRequest('BadRequest', `Machine action ${action.id} cannot be cancelled: its status is ${status}.`);
      action.cancellation = { at: now, requestor: ctx.principal.displayName, comment: body.Comment ?? null };
      return entityResponse(ctx, 'MachineActions', renderMachineAction(action, now));
    },
  },
  {
    name: 'machineactions.getPackageUri', method: 'GET', path: '/machineactions/:id/getPackageUri', roles: ANY.machineRead, group: 'packageUri',
    handle: (ctx) => {
      const action = findAction(ctx);
      if (action.type !== 'CollectInvestigationPackage' || actionTimeline(action, ctx.sim.now()).status !== 'Succeeded') {
        throw notFound(`No investigation package is available for machine action ${action.id}`);
      }
      const url = downloadUrl(ctx.sim, 'packages', `${action.id}.zip`);
      // The documented sample wraps the URL in double quotes (samples/package-sas-uri.json).
      return edmString(ctx, ctx.sim.config.packageUriQuoted ? `"${url}"` : url);
    },
  },
  {
    name: 'machineactions.liveResponseResult', method: 'GET', path: /^\/machineactions\/(?<id>[^/]+)\/GetLiveResponseResultDownloadLink\(index=(?<index>\d+)\)$/i, roles: ANY.machineRead, group: 'default',
    handle: (ctx) => {
      const action = findAction(ctx);
      const index = Number(ctx.params.index);
      if (action.type !== 'LiveResponse') throw badRequest('BadRequest', `Machine action ${action.id} is not a live response action.`);
      const command = renderMachineAction(action, ctx.sim.now()).commands[index];
      if (!command) throw notFound(`Command index ${index} does not exist in machine action ${action.id}`);
      if (command.commandStatus !== 'Completed') throw notFound(`Command ${index} of machine action ${action.id} has no result yet`);
      return edmString(ctx, downloadUrl(ctx.sim, 'liveresponse', `${action.id}/${index}`));
    },
  },
];
