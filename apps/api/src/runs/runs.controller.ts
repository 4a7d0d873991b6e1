import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { ERROR_CODES, RUN_STATUSES, runOutcomeSchema } from '@soar/contracts';
import type { RunRepository } from '@soar/persistence';
import { AppError } from '../errors/app-error';
import { parseBody } from '../request-body';
import { TOKENS } from '../tokens';
import { decodeCursor, encodeCursor } from './run-cursor';

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  outcome: runOutcomeSchema.optional(),
  playbook: z.string().max(100).optional(),
});
const runIdParam = z.uuid('a run id is a UUID');

@Controller('api/runs')
export class RunsController {
  constructor(@Inject(TOKENS.runs) private readonly runs: RunRepository) {}

  /** Newest first; pass `nextCursor` back as `cursor` for the next page. */
  @Get()
  async list(@Query() query: unknown): Promise<object> {
    const q = parseBody(listQuery, query, 'query');
    const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
    const items = await this.runs.list({ limit: q.limit, cursor, status: q.status, outcome: q.outcome, playbook: q.playbook });
    const last = items[items.length - 1];
    return { items, nextCursor: items.length === q.limit && last ? encodeCursor(last) : null };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<object> {
    const run = await this.runs.get(parseBody(runIdParam, id, 'id'));
    if (!run) throw new AppError(ERROR_CODES.runNotFound, `run ${id} does not exist`);
    return run;
  }
}
