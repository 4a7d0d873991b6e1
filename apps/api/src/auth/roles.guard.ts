import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { describeAccess, ERROR_CODES, HTTP_ROUTES, mayCall } from '@soar/contracts';
import { auditTarget } from '../audit/audit-target';
import { noteAudit } from '../audit/audit-recorder';
import { AppError } from '../errors/app-error';
import { principalOf } from './principal';
import { accessOf, routeIdOf } from './route-ids';

/**
 * Authorization, after the ApiKeyGuard authenticated: the route's entry in ROUTE_POLICY decides
 * from the principal's roles, whatever its source (API key, stored key, Entra, local). A route the
 * policy does not know is refused (fail closed); the matrix test keeps that from happening.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const id = routeIdOf(req);
    if (id === null) throw new Error(`no ROUTE_POLICY entry for ${req.method} ${String((req.route as { path?: string } | undefined)?.path)}`);
    const access = accessOf(id);
    if ('public' in access) return true;
    // Every write the policy covers is audited, admitted or refused (audit-recorder.ts writes the row).
    if (access.audit !== false) noteAudit(context.switchToHttp().getResponse<Response>(), { action: id, target: auditTarget(id, req.params as Record<string, string>) });
    const principal = principalOf(req);
    // The ApiKeyGuard answers 401 before this for anyone unauthenticated on a non-public route.
    if (!principal) throw new AppError(ERROR_CODES.unauthorized, 'send a valid API key as Authorization: Bearer <key>');
    if (principal.source === 'intake') {
      if (access.intake) return true;
      throw new AppError(ERROR_CODES.roleRequired, `an intake credential may only deliver alerts (POST ${HTTP_ROUTES.receiveAlerts.path})`);
    }
    if (mayCall(access, principal.roles)) return true;
    const held = principal.roles.length ? `holds ${principal.roles.join(', ')}` : 'holds no role';
    throw new AppError(ERROR_CODES.roleRequired, `${HTTP_ROUTES[id].method.toUpperCase()} ${HTTP_ROUTES[id].path} needs the role ${describeAccess(access)}; ${principal.actor} ${held}`);
  }
}
