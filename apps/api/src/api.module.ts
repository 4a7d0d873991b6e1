import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createLogger, type Logger } from '@soar/observability';
import {
  ConnectionRepository,
  ConnectionResolver,
  connectionsFromEnv,
  createPrismaClient,
  CredentialCipher,
  PlaybookRepository,
  PrismaApprovalStore,
  PrismaRunStore,
  RunRepository,
  type Db,
} from '@soar/persistence';
import { createRedisConnection, EngineQueue } from '@soar/queue';
import type { ApiConfig } from './api.config';
import { ApprovalsController } from './approvals/approvals.controller';
import { ActionsController } from './catalog/actions.controller';
import { ConnectionsController } from './connections/connections.controller';
import { SchemasController } from './schemas/schemas.controller';
import { HealthController } from './health/health.controller';
import { PlaybooksController } from './playbooks/playbooks.controller';
import { SavePlaybookService } from './playbooks/save-playbook.service';
import { RunControlController } from './runs/run-control.controller';
import { RunEventsController } from './runs/run-events.controller';
import { RunsController } from './runs/runs.controller';
import { StartRunService } from './runs/start-run.service';
import { TOKENS } from './tokens';
import { IntakeController } from './intake/intake.controller';
import { intakeProviders } from './intake/intake.providers';

@Module({})
export class ApiModule implements OnApplicationShutdown {
  constructor(
    @Inject(TOKENS.db) private readonly db: Db,
    @Inject(TOKENS.redis) private readonly redis: Redis,
    @Inject(TOKENS.queue) private readonly queue: EngineQueue,
  ) {}

  static forConfig(config: ApiConfig): DynamicModule {
    return {
      module: ApiModule,
      controllers: [PlaybooksController, RunsController, RunControlController, RunEventsController, ApprovalsController, ConnectionsController, ActionsController, SchemasController, HealthController, IntakeController],
      providers: [
        { provide: TOKENS.config, useValue: config },
        { provide: TOKENS.logger, useFactory: () => createLogger('api', config.LOG_LEVEL) },
        { provide: TOKENS.db, useFactory: () => createPrismaClient(config.DATABASE_URL) },
        { provide: TOKENS.redis, useFactory: () => createRedisConnection(config.REDIS_URL, 'soar-api') },
        {
          provide: TOKENS.queue,
          inject: [TOKENS.redis, TOKENS.logger],
          useFactory: (redis: Redis, logger: Logger) =>
            new EngineQueue({ connection: redis, prefix: config.QUEUE_PREFIX, onError: (error) => logger.warn({ err: error.message }, 'queue connection error') }),
        },
        { provide: TOKENS.playbooks, inject: [TOKENS.db], useFactory: (db: Db) => new PlaybookRepository(db) },
        { provide: TOKENS.runs, inject: [TOKENS.db], useFactory: (db: Db) => new RunRepository(db) },
        { provide: TOKENS.runStore, inject: [TOKENS.db], useFactory: (db: Db) => new PrismaRunStore(db) },
        { provide: TOKENS.approvals, inject: [TOKENS.db], useFactory: (db: Db) => new PrismaApprovalStore(db) },
        {
          provide: TOKENS.connectionRepository,
          inject: [TOKENS.db],
          useFactory: (db: Db) => new ConnectionRepository(db, config.CREDENTIALS_KEY ? new CredentialCipher(config.CREDENTIALS_KEY) : null),
        },
        {
          provide: TOKENS.connections,
          inject: [TOKENS.connectionRepository],
          // No rate limiter here: the API only makes connection checks, a handful of calls.
          useFactory: (repository: ConnectionRepository) => new ConnectionResolver({ configs: connectionsFromEnv(config), repository, refreshMs: 0 }),
        },
        SavePlaybookService,
        StartRunService,
        ...intakeProviders,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    await this.db.$disconnect();
    this.redis.disconnect();
  }
}
