import { isIP } from 'node:net';
import { z } from 'zod';
import { ANY, ROLES } from '../auth/roles';
import { ApiError, badRequest, notFound } from '../http/api-error';
import { applyFilterAndOrder, collectionResponse } from '../odata/collection';
import type { Machine } from '../state/entities';
import { DAY_MS } from '../state/time';
import { ALERT_FILTER_FIELDS, alertRenderer } from './alert.view';
import { collectionRequest, type ApiContext, type ApiRoute } from './api-route';
import { countResponse, entityResponse, valuesResponse } from './entity-response';
import { MACHINE_FILTER_FIELDS, changeTag, findMachineOr404 } from './machine.view';
import { parseRequestBody } from './request-body';
import { visibleTo } from '../auth/delegated-access';

const tagSchema = z.strictObject({ Value: z.string().min(1).max(200), Action: z.enum(['Add', 'Remove']) });
const bulkTagSchema = z.strictObject({ Value: z.string().min(1).max(200), Action: z.enum(['Add', 'Remove']), MachineIds: z.array(z.string()).min(1) });
const MAX_BULK_TAG_MACHINES = 500;

const machinesCollection = (ctx: ApiContext, items: Machine[]) =>
  collectionResponse(collectionRequest(ctx), { setName: 'Machines', items, fields: MACHINE_FILTER_FIELDS, render: (m) => m });

function hadIp(machine: Machine, ip: string): boolean {
  const wanted = ip.toLowerCase();
  return machine.lastIpAddress === ip || machine.ipAddresses.some((a) => a.ipAddress.toLowerCase() === wanted);
}

/**
 * Devices that had `ip` around `timestamp`. The simulator keeps no IP history, so a device
 * matches when it has the IP now and was onboarded before the timestamp.
 */
function findByIp(ctx: ApiContext, ip: string, timestamp: string, windowMs: number): Machine[] {
  if (!isIP(ip)) throw badRequest('InvalidIpAddress', `Invalid IP address '${ip}'.`);
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) throw badRequest('InvalidInput', `Invalid timestamp '${timestamp}'.`);
  if (at < ctx.sim.now() - 30 * DAY_MS) throw badRequest('InvalidInput', 'The timestamp must be within the last 30 days.');
  return [...ctx.sim.store.machines.values()].filter((m) => hadIp(m, ip) && Date.parse(m.firstSeen) <= at + windowMs);
}

/** Machines (REFERENCE §4.2). */
export const MACHINE_ROUTES: ApiRoute[] = [
  {
    name: 'machines.list', method: 'GET', path: '/machines', roles: ANY.machineRead, group: 'default',
    // A user's delegated call lists only the devices of their device groups (REFERENCE §1.3).
    handle: (ctx) => machinesCollection(ctx, [...ctx.sim.store.machines.values()].filter((m) => visibleTo(ctx.principal, m.rbacGroupName))),
  },
  {
    name: 'machines.findbyip', method: 'GET', path: /^\/machines\/findbyip\(ip='(?<ip>[^']*)',\s*timestamp=(?<timestamp>[^)]*)\)$/i, roles: ANY.machineRead, group: 'default',
    handle: (ctx) => machinesCollection(ctx, findByIp(ctx, ctx.params.ip!, ctx.params.timestamp!, 15 * 60_000)),
  },
  {
    // Older variant: ±16 minutes and 404 when nothing matches (REFERENCE §4.2).
    name: 'machines.find', method: 'GET', path: /^\/machines\/find\(timestamp=(?<timestamp>[^,]*),\s*key='(?<ip>[^']*)'\)$/i, roles: ANY.machineRead, group: 'default',
    handle: (ctx) => {
      const found = findByIp(ctx, ctx.params.ip!, ctx.params.timestamp!, 16 * 60_000);
      if (found.length === 0) throw notFound(`No machine found with IP ${ctx.params.ip}`);
      return machinesCollection(ctx, found);
    },
  },
  {
    name: 'machines.findbytag', method: 'GET', path: '/machines/findbytag', roles: ANY.machineRead, group: 'default',
    handle: (ctx) => {
      const tag = ctx.query.get('tag');
      if (!tag) throw new ApiError(400, 'MissingRequiredParameter', "Missing required parameter 'tag'.");
      const startsWith = (ctx.query.get('useStartsWithFilter') ?? 'false').toLowerCase() === 'true';
      const wanted = tag.toLowerCase();
      const matches = (t: string) => (startsWith ? t.toLowerCase().startsWith(wanted) : t.toLowerCase() === wanted);
      return machinesCollection(ctx, [...ctx.sim.store.machines.values()].filter((m) => m.machineTags.some(matches)));
    },
  },
  {
    name: 'machines.bulkTags', method: 'POST', path: '/machines/AddOrRemoveTagForMultipleMachines', roles: ANY.machineWrite, group: 'default',
    handle: (ctx) => {
      const body = parseRequestBody(bulkTagSchema, ctx.body);
      if (body.MachineIds.length > MAX_BULK_TAG_MACHINES) {
        throw badRequest('MaximumBatchSizeExceeded', `Maximum batch size exceeded. Received: ${body.MachineIds.length}, allowed: ${MAX_BULK_TAG_MACHINES}.`);
      }
      const machines = body.MachineIds.map((id) => findMachineOr404(ctx, id));
      for (const m of machines) changeTag(m, body.Value, body.Action);
      return valuesResponse(ctx, 'Machines', machines);
    },
  },
  {
    name: 'machines.get', method: 'GET', path: '/machines/:id', roles: ANY.machineRead, group: 'default',
    handle: (ctx) => entityResponse(ctx, 'Machines', findMachineOr404(ctx)),
  },
  {
    name: 'machines.logonusers', method: 'GET', path: '/machines/:id/logonusers', roles: [ROLES.userRead], group: 'default',
    handle: (ctx) => valuesResponse(ctx, 'Users', ctx.sim.store.logonUsers.get(findMachineOr404(ctx).id) ?? []),
  },
  {
    name: 'machines.alerts', method: 'GET', path: '/machines/:id/alerts', roles: ANY.alertRead, group: 'default',
    handle: (ctx) => {
      const machine = findMachineOr404(ctx);
      const items = [...ctx.sim.store.alerts.values()].filter((a) => a.machineId === machine.id);
      return collectionResponse(collectionRequest(ctx), { setName: 'Alerts', items, fields: ALERT_FILTER_FIELDS, render: alertRenderer(ctx.query) });
    },
  },
  {
    name: 'machines.alerts.count', method: 'GET', path: '/machines/:id/alerts/$count', roles: ANY.alertRead, group: 'default',
    handle: (ctx) => {
      const machine = findMachineOr404(ctx);
      const items = [...ctx.sim.store.alerts.values()].filter((a) => a.machineId === machine.id);
      return countResponse(applyFilterAndOrder(ctx.query, items, ALERT_FILTER_FIELDS).length);
    },
  },
  {
    name: 'machines.tags', method: 'POST', path: '/machines/:id/tags', roles: ANY.machineWrite, group: 'default',
    handle: (ctx) => {
      const machine = findMachineOr404(ctx);
      const body = parseRequestBody(tagSchema, ctx.body);
      changeTag(machine, body.Value, body.Action);
      return entityResponse(ctx, 'Machines', machine);
    },
  },
  {
    name: 'machines.vulnerabilities', method: 'GET', path: '/machines/:id/vulnerabilities', roles: [ROLES.vulnerabilityRead], group: 'vulnerabilities',
    handle: (ctx) => valuesResponse(ctx, 'Vulnerabilities', ctx.sim.store.vulnerabilities.get(findMachineOr404(ctx).id) ?? []),
  },
  {
    name: 'machines.software', method: 'GET', path: '/machines/:id/software', roles: [ROLES.softwareRead], group: 'default',
    handle: (ctx) => valuesResponse(ctx, 'Software', ctx.sim.store.software.get(findMachineOr404(ctx).id) ?? []),
  },
];
