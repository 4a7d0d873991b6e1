import type { Provider } from '@nestjs/common';
import { AlertIntake, TriggeredRunStarter } from '@soar/intake';
import { IntakeAlertRepository, IntakeSourceRepository, type Db, type PlaybookRepository, type RunRepository } from '@soar/persistence';
import type { EngineQueue } from '@soar/queue';
import { TOKENS } from '../tokens';
import { INTAKE_TOKENS } from './intake.tokens';

/** The intake feature's services, built on the API's Postgres and queue. */
export const intakeProviders: Provider[] = [
  { provide: INTAKE_TOKENS.alerts, inject: [TOKENS.db], useFactory: (db: Db) => new IntakeAlertRepository(db) },
  { provide: INTAKE_TOKENS.sources, inject: [TOKENS.db], useFactory: (db: Db) => new IntakeSourceRepository(db) },
  {
    provide: INTAKE_TOKENS.alertIntake,
    inject: [INTAKE_TOKENS.alerts, INTAKE_TOKENS.sources, TOKENS.playbooks, TOKENS.runs, TOKENS.queue],
    useFactory: (alerts: IntakeAlertRepository, sources: IntakeSourceRepository, playbooks: PlaybookRepository, runs: RunRepository, queue: EngineQueue) =>
      new AlertIntake({ alerts, sources, starter: new TriggeredRunStarter({ playbooks, runs, scheduler: queue }) }),
  },
];
