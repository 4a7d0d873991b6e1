import { Inject, Injectable } from '@nestjs/common';
import { ERROR_CODES, type RunDetailDto, type RunListDto, type RunListQueryDto, type RunViewQueryDto } from '@soar/contracts';
import type { RunRepository } from '@soar/persistence';
import { AppError } from '../errors/app-error';
import { TOKENS } from '../tokens';
import { decodeCursor, encodeCursor } from './run-cursor';
import { toRunDetail, toRunSummary, toRunSummaryView } from './run-views';

type RunView = RunViewQueryDto['view'];

/** Reading runs: newest first, keyset-paged, mapped to the contract's shapes. */
@Injectable()
export class RunQueryService {
  constructor(@Inject(TOKENS.runs) private readonly runs: RunRepository) {}

  async list(q: RunListQueryDto): Promise<RunListDto> {
    const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
    const items = await this.runs.list({ limit: q.limit, cursor, status: q.status, playbook: q.playbook, outcome: q.outcome });
    const last = items[items.length - 1];
    return { items: items.map(toRunSummary), nextCursor: items.length === q.limit && last ? encodeCursor(last) : null };
  }

  async get(id: string, view: RunView = 'full'): Promise<RunDetailDto> {
    const run = await this.runs.get(id);
    if (!run) throw new AppError(ERROR_CODES.runNotFound, `run ${id} does not exist`);
    const detail = toRunDetail(run);
    return view === 'summary' ? toRunSummaryView(detail) : detail;
  }
}
