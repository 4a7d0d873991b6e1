import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  intakeAlertsQuerySchema,
  playbookNameSchema,
  type IntakeAlertsQuery,
  type IntakeAlertsResponse,
  type IntakeStatusResponse,
  type TriggersStateResponse,
} from '@soar/contracts';
import { param, query } from '../http/zod.pipe';
import { IntakeService } from './intake.service';

/** Alert intake, its status, and pausing a playbook's alert and schedule triggers. */
@Controller('api')
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  /**
   * One Defender alert, one Graph alerts_v2 alert, a list, or `{ value: [...] }`. Authenticated
   * before this runs (intake-auth.middleware: signature, intake key, or the API-key guard); the
   * body arrives as raw bytes, because the signature covers exactly what was sent.
   */
  @Post('intake/alerts')
  @HttpCode(202)
  receive(@Req() req: Request, @Query(query(intakeAlertsQuerySchema)) q: IntakeAlertsQuery): Promise<IntakeAlertsResponse> {
    return this.intake.receive(req.body, q.connection);
  }

  /** Per source: last poll, watermark, alerts seen, runs started, duplicates dropped, errors, lag. */
  @Get('intake/status')
  status(): Promise<IntakeStatusResponse> {
    return this.intake.status();
  }

  /** Alert and schedule triggers stop starting runs; manual runs still start. */
  @Post('playbooks/:name/triggers/pause')
  @HttpCode(200)
  pause(@Param('name', param(playbookNameSchema, 'name')) name: string): Promise<TriggersStateResponse> {
    return this.intake.setPaused(name, true);
  }

  @Post('playbooks/:name/triggers/resume')
  @HttpCode(200)
  resume(@Param('name', param(playbookNameSchema, 'name')) name: string): Promise<TriggersStateResponse> {
    return this.intake.setPaused(name, false);
  }
}
