import { Controller, Get, Param, Query } from '@nestjs/common';
import { runIdSchema, runListQuerySchema, type RunDetailDto, type RunListDto, type RunListQueryDto } from '@soar/contracts';
import { param, query } from '../http/zod.pipe';
import { RunQueryService } from './run-query.service';

@Controller('api/runs')
export class RunsController {
  constructor(private readonly runs: RunQueryService) {}

  /** Newest first; pass `nextCursor` back as `cursor` for the next page. */
  @Get()
  list(@Query(query(runListQuerySchema)) q: RunListQueryDto): Promise<RunListDto> {
    return this.runs.list(q);
  }

  @Get(':id')
  get(@Param('id', param(runIdSchema, 'id')) id: string): Promise<RunDetailDto> {
    return this.runs.get(id);
  }
}
