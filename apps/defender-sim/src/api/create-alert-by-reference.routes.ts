import { z } from 'zod';
import { ANY } from '../auth/roles';
import { badRequest } from '../http/api-error';
import { blankAlert } from '../state/blank-alert';
import { createAlert } from '../state/new-alert';
import { toDefenderTime } from '../state/time';
import type { ApiRoute } from './api-route';
import { entityResponse } from './entity-response';
import { findMachineOr404 } from './machine.view';
import { parseRequestBody } from './request-body';

const CATEGORIES = [
  'General', 'CommandAndControl', 'Collection', 'CredentialAccess', 'DefenseEvasion', 'Discovery', 'Exfiltration', 'Exploit',
  'Execution', 'InitialAccess', 'LateralMovement', 'Malware', 'Persistence', 'PrivilegeEscalation', 'Ransomware', 'SuspiciousActivity',
] as const;

const schema = z.strictObject({
  eventTime: z.string(),
  reportId: z.union([z.string(), z.number()]),
  machineId: z.string(),
  severity: z.enum(['Low', 'Medium', 'High']),
  title: z.string().min(1),
  description: z.string().min(1),
  recommendedAction: z.string(),
  category: z.enum(CATEGORIES),
});

/**
 * CreateAlertByReference (REFERENCE §3.6). The simulator has no raw events, so any event time
 * on a known device matches; an open alert with the same title on the device absorbs the call.
 */
export const CREATE_ALERT_ROUTES: ApiRoute[] = [
  {
    name: 'alerts.createByReference', method: 'POST', path: '/alerts/CreateAlertByReference', roles: ANY.alertWrite, group: 'createAlertByReference',
    handle: (ctx) => {
      const body = parseRequestBody(schema, ctx.body);
      const eventTime = Date.parse(body.eventTime);
      if (Number.isNaN(eventTime)) throw badRequest('InvalidInput', `Invalid eventTime '${body.eventTime}'.`);
      const machine = findMachineOr404(ctx, body.machineId);
      const now = ctx.sim.now();
      const open = [...ctx.sim.store.alerts.values()].find((a) => a.machineId === machine.id && a.title === body.title && a.status !== 'Resolved');
      if (open) {
        open.lastUpdateTime = toDefenderTime(now);
        return entityResponse(ctx, 'Alerts', open);
      }
      const alert = createAlert(ctx.sim.store, now, {
        template: blankAlert(machine, ctx.sim.tenantId),
        fields: {
          machineId: machine.id,
          severity: body.severity,
          title: body.title,
          description: body.description,
          category: body.category,
          detectionSource: 'CustomDetection',
          firstEventTime: toDefenderTime(eventTime),
          lastEventTime: toDefenderTime(eventTime),
        },
      });
      return entityResponse(ctx, 'Alerts', alert);
    },
  },
];
