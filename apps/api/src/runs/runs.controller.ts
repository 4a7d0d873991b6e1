import { Controller, Get, Param, Query } from '@nestjs/common';
import { runIdSchema, runListQuerySchema, runViewQuerySchema, type RunDetailDto, type RunListDto, type RunListQueryDto, type RunViewQueryDto } from '@soar/contracts';
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

  /** `?view=summary` leaves out parameters and attempt outputs (see RUN_VIEWS). */
  @Get(':id')
  get(@Param('id', param(runIdSchema, 'id')) id: string, @Query(query(runViewQuerySchema)) q: RunViewQueryDto): Promise<RunDetailDto> {
    return this.runs.get(id, q.view);
  }
}
