import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@soar/observability';
import type { AuditRepository } from '@soar/persistence';
import { principalOf } from '../auth/principal';
import { auditResult } from './audit-target';

/** What the RolesGuard (action, target), the answer (outcome) and the error filter (code) tell about a request, for its audit row. */
export interface AuditNote {
  action: string;
  target: string | null;
  outcome?: string | null;
  errorCode?: string;
}

export const noteAudit = (res: Response, note: Partial<AuditNote>): void => {
  res.locals['audit'] = { ...(res.locals['audit'] as AuditNote | undefined), ...note };
};

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one place audit rows are written: as the answer to a write request is being sent, one row
 * with the authenticated principal, the action and target the guard noted, the status and what it
 * produced (or its error code). The answer leaves only once its row is stored, so whoever got an
 * answer finds the write in GET /api/audit. Refused writes (403, 409, 429) are recorded as well as
 * admitted ones; unauthenticated requests (401) have no actor and are left to the request log.
 * Bodies are never stored, so no secret can reach the log. A failed append is logged, not answered.
 */
export function auditRecorder(audit: AuditRepository, logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (READS.has(req.method)) return next();
    // What a write produced comes from its JSON answer (a run id, a version), read as it is sent.
    // Not an interceptor: a global one would wrap the server-sent event streams too.
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const note = res.locals['audit'] as AuditNote | undefined;
      if (note && res.statusCode < 400) {
        const { outcome, target } = auditResult(body);
        noteAudit(res, { outcome, ...(note.target === null && target ? { target } : {}) });
      }
      return json(body);
    };
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    let recorded = false;
    res.end = ((...args: unknown[]) => {
      const note = res.locals['audit'] as AuditNote | undefined;
      const principal = principalOf(req);
      if (recorded || !note || !principal) return end(...args);
      recorded = true;
      audit
        .append({
          actor: principal.actor,
          roles: principal.roles,
          source: principal.source,
          action: note.action,
          target: note.target,
          status: res.statusCode,
          outcome: res.statusCode < 400 ? (note.outcome ?? null) : (note.errorCode ?? null),
          clientAddress: req.ip ?? req.socket.remoteAddress ?? null,
          correlationId: (res.getHeader('x-correlation-id') as string | undefined) ?? null,
        })
        .catch((error: unknown) => logger.error({ err: (error as Error).message, action: note.action }, 'could not write the audit row'))
        .finally(() => end(...args));
      return res;
    }) as Response['end'];
    next();
  };
}
