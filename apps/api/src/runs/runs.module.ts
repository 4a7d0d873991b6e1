import { Module } from '@nestjs/common';
import { RunControlController } from './run-control.controller';
import { RunControlService } from './run-control.service';
import { RunEventsController } from './run-events.controller';
import { RunEventsService } from './run-events.service';
import { RunQueryService } from './run-query.service';
import { RunsController } from './runs.controller';
import { StartRunController } from './start-run.controller';
import { StartRunService } from './start-run.service';
import { DelegationService } from '../delegation/delegation.service';

@Module({
  controllers: [RunsController, RunControlController, RunEventsController, StartRunController],
  providers: [RunQueryService, RunControlService, RunEventsService, StartRunService, DelegationService],
  exports: [StartRunService, DelegationService],
})
export class RunsModule {}
