import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { badRequest } from '../http/api-error';
import type { MachineActionType } from '../state/machine-action-record';
import type { ApiContext, ApiRoute } from './api-route';
import { findMachineOr404 } from './machine.view';
import { parseRequestBody } from './request-body';
import { requestMachineAction, type ActionRequest } from './request-machine-action';

// Action bodies are PascalCase and case-sensitive (REFERENCE §2, §5.1).
const comment = z.string().min(1);
const commentOnly = z.strictObject({ Comment: comment });
const isolateSchema = z.strictObject({ Comment: comment, IsolationType: z.enum(['Full', 'Selective', 'UnManagedDevice']).optional() });
const scanSchema = z.strictObject({ Comment: comment, ScanType: z.enum(['Quick', 'Full']) });
const quarantineSchema = z.strictObject({ Comment: comment, Sha1: z.string() });
const liveResponseSchema = z.strictObject({
  Comment: comment,
  Commands: z
    .array(z.strictObject({ type: z.enum(['PutFile', 'RunScript', 'GetFile']), params: z.array(z.strictObject({ key: z.string(), value: z.string() })) }))
    .min(1),
});

function simpleAction(name: string, segment: string, type: MachineActionType, role: string): ApiRoute {
  return {
    name, method: 'POST', path: `/machines/:id/${segment}`, roles: [role], group: 'default',
    handle: (ctx) => act(ctx, { type, comment: parseRequestBody(commentOnly, ctx.body).Comment }),
  };
}

function act(ctx: ApiContext, request: ActionRequest) {
  return requestMachineAction(ctx, findMachineOr404(ctx), request);
}

/** POST /machines/{id}/<action> (REFERENCE §5.1). */
export const MACHINE_ACTION_REQUEST_ROUTES: ApiRoute[] = [
  {
    name: 'machines.isolate', method: 'POST', path: '/machines/:id/isolate', roles: [ROLES.isolate], group: 'default',
    handle: (ctx) => {
      const body = parseRequestBody(isolateSchema, ctx.body);
      return act(ctx, { type: 'Isolate', comment: body.Comment, scope: body.IsolationType ?? 'Full' });
    },
  },
  simpleAction('machines.unisolate', 'unisolate', 'Unisolate', ROLES.isolate),
  {
    name: 'machines.runAntiVirusScan', method: 'POST', path: '/machines/:id/runAntiVirusScan', roles: [ROLES.scan], group: 'default',
    handle: (ctx) => {
      const body = parseRequestBody(scanSchema, ctx.body);
      return act(ctx, { type: 'RunAntiVirusScan', comment: body.Comment, scope: body.ScanType });
    },
  },
  simpleAction('machines.restrictCodeExecution', 'restrictCodeExecution', 'RestrictCodeExecution', ROLES.restrictExecution),
  simpleAction('machines.unrestrictCodeExecution', 'unrestrictCodeExecution', 'UnrestrictCodeExecution', ROLES.restrictExecution),
  simpleAction('machines.collectInvestigationPackage', 'collectInvestigationPackage', 'CollectInvestigationPackage', ROLES.collectForensics),
  simpleAction('machines.offboard', 'offboard', 'Offboard', ROLES.offboard),
  {
    name: 'machines.stopAndQuarantineFile', method: 'POST', path: '/machines/:id/StopAndQuarantineFile', roles: [ROLES.stopAndQuarantine], group: 'default',
    handle: (ctx) => {
      const body = parseRequestBody(quarantineSchema, ctx.body);
      if (!/^[0-9a-fA-F]{40}$/.test(body.Sha1)) throw badRequest('InvalidHashValue', `Invalid SHA-1 hash value '${body.Sha1}'.`);
      return act(ctx, { type: 'StopAndQuarantineFile', comment: body.Comment, relatedFileInfo: { fileIdentifier: body.Sha1.toLowerCase(), fileIdentifierType: 'Sha1' } });
    },
  },
  {
    name: 'machines.runliveresponse', method: 'POST', path: '/machines/:id/runliveresponse', roles: [ROLES.liveResponse], group: 'liveResponse',
    handle: (ctx) => {
      const body = parseRequestBody(liveResponseSchema, ctx.body);
      return act(ctx, { type: 'LiveResponse', comment: body.Comment, commands: body.Commands });
    },
  },
];
