import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { tap, type Observable } from 'rxjs';
import { auditResult } from './audit-target';
import { noteAudit, type AuditNote } from './audit-recorder';

/** Notes what an audited write produced (from the handler's answer) for the audit row written when the answer is sent. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      tap((result) => {
        const note = res.locals['audit'] as AuditNote | undefined;
        if (!note) return;
        const { outcome, target } = auditResult(result);
        noteAudit(res, { outcome, ...(note.target === null && target ? { target } : {}) });
      }),
    );
  }
}
