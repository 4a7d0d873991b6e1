import { Module } from '@nestjs/common';
import { ApprovalDecisionService } from './approval-decision.service';
import { ApprovalsController } from './approvals.controller';
import { DelegationService } from '../delegation/delegation.service';

@Module({ controllers: [ApprovalsController], providers: [ApprovalDecisionService, DelegationService] })
export class ApprovalsModule {}
