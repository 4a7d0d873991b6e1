import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { applyConfigPatch, configPatchSchema } from '../config/config-patch';
import { faultRuleSchema } from '../faults/fault-injector';
import { TERMINAL_STATUSES } from '../state/machine-action-record';
import { createAlert } from '../state/new-alert';
import { resolveAlertTemplate } from './alert-templates';
import type { ControlRuntime } from './control-runtime';
import { renderMachineAction } from '../api/machine-action.view';
import { createScriptedAction, machinePatchSchema, patchMachine, scriptedActionSchema } from './scripted-entities';
import { stateView } from './state-view';
import { toDefenderTime } from '../state/time';
import { findSimUser } from '../identity/sim-users';
import { issueUserToken } from '../sts/user-token';

export interface ControlRequest {
  rt: ControlRuntime;
  query: URLSearchParams;
  body: unknown;
}
export interface ControlRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handle(req: ControlRequest): { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>;
}

const outcomeSchema = z.strictObject({
  match: z.strictObject({ machineId: z.string().optional(), type: z.string().optional() }).default({}),
  outcome: z.enum([...TERMINAL_STATUSES, 'stay-pending']),
  /** Omitted = every matching action until DELETE /action-outcomes. */
  count: z.number().int().positive().optional(),
});
const clientSchema = z.strictObject({
  clientId: z.string().optional(),
  clientSecret: z.string().optional(),
  certificatePem: z.string().optional(),
  roles: z.array(z.string()),
  delegatedScopes: z.array(z.string()).optional(),
  displayName: z.string().optional(),
});
const userTokenSchema = z.strictObject({
  username: z.string().min(1),
  audience: z.string().min(1),
  lifetimeSeconds: z.number().int().positive().default(3600),
  issuedSecondsAgo: z.number().int().nonnegative().default(0),
});
const alertSchema = z.strictObject({ template: z.string().optional(), fields: z.looseObject({}).optional() });
/** Fields a test may change on an alert (as Defender or an analyst would); lastUpdateTime moves to now. */
const alertUpdateSchema = z.strictObject({
  id: z.string().min(1),
  fields: z
    .strictObject({
      severity: z.enum(['UnSpecified', 'Informational', 'Low', 'Medium', 'High']).optional(),
      status: z.enum(['New', 'InProgress', 'Resolved']).optional(),
      title: z.string().optional(),
      description: z.string().optional(),
      category: z.string().optional(),
      assignedTo: z.string().nullable().optional(),
    })
    .default({}),
});
const generatorSchema = z.strictObject({ everyMs: z.number().int().min(10), template: z.string().optional() });

const ok = (body?: unknown, status = 200) => ({ status, body });

/** Control API (plain HTTP on 127.0.0.1) for tests and local runs. */
export const CONTROL_ROUTES: ControlRoute[] = [
  { method: 'GET', path: '/health', handle: ({ rt }) => ok({ status: 'ok', apiBaseUrl: rt.sim.urls.apiBaseUrl, tenantId: rt.sim.tenantId }) },
  { method: 'GET', path: '/requests', handle: ({ rt, query }) => ok(rt.log.list(Number(query.get('since') ?? 0) || 0)) },
  { method: 'DELETE', path: '/requests', handle: ({ rt }) => (rt.log.clear(), ok(undefined, 204)) },
  { method: 'GET', path: '/state', handle: ({ rt }) => ok(stateView(rt.sim)) },
  {
    method: 'POST', path: '/reset',
    handle: ({ rt }) => {
      rt.reseed();
      rt.sim.outcomes.clear();
      rt.faults.clear();
      rt.limiter.reset();
      rt.generator.stop();
      Object.assign(rt.sim.config, structuredClone(rt.initialConfig));
      return ok(undefined, 204);
    },
  },
  { method: 'GET', path: '/faults', handle: ({ rt }) => ok(rt.faults.list()) },
  { method: 'POST', path: '/faults', handle: ({ rt, body }) => ok({ id: rt.faults.add(faultRuleSchema.parse(body)) }, 201) },
  { method: 'DELETE', path: '/faults', handle: ({ rt }) => (rt.faults.clear(), ok(undefined, 204)) },
  { method: 'GET', path: '/action-outcomes', handle: ({ rt }) => ok(rt.sim.outcomes.list()) },
  {
    method: 'POST', path: '/action-outcomes',
    handle: ({ rt, body }) => {
      const input = outcomeSchema.parse(body);
      rt.sim.outcomes.add({ match: input.match, outcome: input.outcome, remaining: input.count ?? null });
      return ok(undefined, 201);
    },
  },
  { method: 'DELETE', path: '/action-outcomes', handle: ({ rt }) => (rt.sim.outcomes.clear(), ok(undefined, 204)) },
  { method: 'GET', path: '/config', handle: ({ rt }) => ok(rt.sim.config) },
  { method: 'PUT', path: '/config', handle: ({ rt, body }) => (applyConfigPatch(rt.sim.config, configPatchSchema.parse(body)), ok(rt.sim.config)) },
  { method: 'DELETE', path: '/rate-limits', handle: ({ rt }) => (rt.limiter.reset(), ok(undefined, 204)) },
  {
    // A signed-in user's token for an API app, without the sign-in (tests); negative lifetimes give expired tokens.
    method: 'POST', path: '/user-tokens',
    handle: async ({ rt, body }) => {
      const input = userTokenSchema.parse(body);
      const user = findSimUser(input.username);
      if (!user) return { status: 404, body: { error: `no simulated user ${input.username}` } };
      const now = rt.sim.now();
      const token = await issueUserToken({ key: rt.sim.signingKey, tenantId: rt.sim.tenantId, user, audience: input.audience, lifetimeSeconds: input.lifetimeSeconds, nowMs: now - input.issuedSecondsAgo * 1000 });
      return ok({ accessToken: token }, 201);
    },
  },
  {
    method: 'POST', path: '/clients',
    handle: ({ rt, body }) => {
      const input = clientSchema.parse(body);
      const client = { ...input, clientId: input.clientId ?? randomUUID(), clientSecret: input.clientSecret ?? (input.certificatePem ? undefined : randomBytes(24).toString('base64url')) };
      rt.sim.clients.register(client);
      return ok({ clientId: client.clientId, clientSecret: client.clientSecret ?? null, roles: client.roles }, 201);
    },
  },
  {
    method: 'POST', path: '/alerts',
    handle: ({ rt, body }) => {
      const input = alertSchema.parse(body ?? {});
      const now = rt.sim.now();
      const template = resolveAlertTemplate(rt.sim.store, rt.sim.tenantId, now, input.template);
      return ok(createAlert(rt.sim.store, now, { template, fields: input.fields }), 201);
    },
  },
  {
    // Someone else's machine action (an analyst's, another app's), with its parameters and status script.
    method: 'POST', path: '/machine-actions',
    handle: ({ rt, body }) => {
      const action = createScriptedAction(rt.sim, scriptedActionSchema.parse(body));
      return action ? ok(renderMachineAction(action, rt.sim.now()), 201) : ok({ error: 'unknown machine' }, 404);
    },
  },
  {
    // Changes a machine (e.g. healthStatus Inactive) or adds a copy of one (two records with one name).
    method: 'POST', path: '/machines',
    handle: ({ rt, body }) => {
      const machine = patchMachine(rt.sim, machinePatchSchema.parse(body));
      return machine ? ok(machine, 201) : ok({ error: 'unknown machine' }, 404);
    },
  },
  {
    // One alert exactly as Defender stores it, evidence included (what a forwarder would relay).
    method: 'GET', path: '/alert',
    handle: ({ rt, query }) => {
      const alert = rt.sim.store.alerts.get(query.get('id') ?? '');
      return alert ? ok(alert) : ok({ error: `no alert ${query.get('id')}` }, 404);
    },
  },
  {
    method: 'POST', path: '/alerts/update',
    handle: ({ rt, body }) => {
      const input = alertUpdateSchema.parse(body ?? {});
      const alert = rt.sim.store.alerts.get(input.id);
      if (!alert) return ok({ error: `no alert ${input.id}` }, 404);
      Object.assign(alert, input.fields, { lastUpdateTime: toDefenderTime(rt.sim.now()) });
      return ok(alert);
    },
  },
  { method: 'GET', path: '/alert-generator', handle: ({ rt }) => ok(rt.generator.status()) },
  { method: 'POST', path: '/alert-generator', handle: ({ rt, body }) => (rt.generator.start(generatorSchema.parse(body)), ok(rt.generator.status(), 201)) },
  { method: 'DELETE', path: '/alert-generator', handle: ({ rt }) => (rt.generator.stop(), ok(undefined, 204)) },
];
