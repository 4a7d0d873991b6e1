import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { auditQuerySchema, type AuditPageDto, type AuditQueryDto } from '@soar/contracts';
import type { AuditRepository } from '@soar/persistence';
import { query } from '../http/zod.pipe';
import { TOKENS } from '../tokens';
import { auditCsv } from './audit-csv';

/** The audit log (admin, ROUTE_POLICY): newest first, filtered, as JSON or CSV. */
@Controller('api/audit')
export class AuditController {
  constructor(@Inject(TOKENS.audit) private readonly audit: AuditRepository) {}

  @Get()
  async list(@Query(query(auditQuerySchema)) q: AuditQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response): Promise<AuditPageDto | string> {
    const page = await this.audit.list({
      actor: q.actor,
      action: q.action,
      target: q.target,
      since: q.since ? new Date(q.since) : undefined,
      until: q.until ? new Date(q.until) : undefined,
      before: q.cursor ? BigInt(q.cursor) : undefined,
      limit: q.limit,
    });
    if (q.format === 'csv' || (q.format === 'json' && /\btext\/csv\b/.test(accept ?? '') && !/application\/json/.test(accept ?? ''))) {
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', 'attachment; filename="audit.csv"');
      if (page.nextCursor) res.setHeader('x-next-cursor', page.nextCursor);
      return auditCsv(page.items);
    }
    return page;
  }
}
