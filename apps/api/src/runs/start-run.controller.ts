import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { userAssertionOf } from '../auth/user-assertion';
import { playbookNameSchema, startRunBodySchema, type StartedRunDto, type StartRunBodyDto } from '@soar/contracts';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { AcceptsBody } from '../http/accepts-body.decorator';
import { body, param } from '../http/zod.pipe';
import { StartRunService } from './start-run.service';

/** `POST /api/playbooks/{name}/runs`: starts a run of the playbook's latest version. */
@Controller('api/playbooks')
export class StartRunController {
  constructor(private readonly startRun: StartRunService) {}

  @Post(':name/runs')
  @HttpCode(202)
  @AcceptsBody('json')
  start(
    @Param('name', param(playbookNameSchema, 'name')) name: string,
    @Body(body(startRunBodySchema)) request: StartRunBodyDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ): Promise<StartedRunDto> {
    return this.startRun.startByRequest(name, request.inputs, principal, userAssertionOf(req));
  }
}
