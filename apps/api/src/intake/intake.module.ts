import { Module } from '@nestjs/common';
import { IntakeController } from './intake.controller';
import { intakeProviders } from './intake.providers';
import { IntakeService } from './intake.service';

@Module({ controllers: [IntakeController], providers: [...intakeProviders, IntakeService] })
export class IntakeModule {}
