import type { Provider } from '@nestjs/common';
import { AlertIntake, TriggeredRunStarter } from '@soar/intake';
import { IntakeAlertRepository, IntakeSourceRepository, TriggeredRunRepository, type Db, type PlaybookRepository } from '@soar/persistence';
import type { EngineQueue } from '@soar/queue';
import { TOKENS } from '../tokens';
import { INTAKE_TOKENS } from './intake.tokens';

/** The intake feature's services, built on the API's Postgres and queue. */
export const intakeProviders: Provider[] = [
  { provide: INTAKE_TOKENS.alerts, inject: [TOKENS.db], useFactory: (db: Db) => new IntakeAlertRepository(db) },
  { provide: INTAKE_TOKENS.sources, inject: [TOKENS.db], useFactory: (db: Db) => new IntakeSourceRepository(db) },
  { provide: INTAKE_TOKENS.triggeredRuns, inject: [TOKENS.db], useFactory: (db: Db) => new TriggeredRunRepository(db) },
  {
    provide: INTAKE_TOKENS.alertIntake,
    inject: [INTAKE_TOKENS.alerts, INTAKE_TOKENS.sources, TOKENS.playbooks, INTAKE_TOKENS.triggeredRuns, TOKENS.queue],
    useFactory: (alerts: IntakeAlertRepository, sources: IntakeSourceRepository, playbooks: PlaybookRepository, runs: TriggeredRunRepository, queue: EngineQueue) =>
      new AlertIntake({ alerts, sources, starter: new TriggeredRunStarter({ playbooks, runs, scheduler: queue }) }),
  },
];
