import { Module } from '@nestjs/common';
import { ApprovalDecisionService } from './approval-decision.service';
import { ApprovalsController } from './approvals.controller';

@Module({ controllers: [ApprovalsController], providers: [ApprovalDecisionService] })
export class ApprovalsModule {}
