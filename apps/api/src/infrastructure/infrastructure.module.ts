import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createDefenderActionHandlers, DefenderConnectionResolver, parseDefenderAllowedHosts } from '@soar/defender';
import { createRunControl } from '@soar/engine';
import { createLogger, type Logger } from '@soar/observability';
import {
  ApiKeyRepository,
  AuditRepository,
  ConnectionRepository,
  connectionsFromEnv,
  connectionDefaultsFromEnv,
  createPrismaClient,
  CredentialCipher,
  PlaybookRepository,
  PrismaApprovalStore,
  PrismaRunControlStore,
  MeteredRunStore,
  RunRepository,
  type Db,
} from '@soar/persistence';
import { createRedisConnection, EngineQueue } from '@soar/queue';
import type { ApiConfig } from '../api.config';
import { IdentityLimits } from '../auth/identity-limits';
import { TOKENS } from '../tokens';

/**
 * The API's infrastructure, provided once to every feature module: configuration, logger, Prisma
 * and the repositories over it, Redis and the engine queue, and the Defender connection registry.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(TOKENS.db) private readonly db: Db,
    @Inject(TOKENS.redis) private readonly redis: Redis,
    @Inject(TOKENS.queue) private readonly queue: EngineQueue,
  ) {}

  static forConfig(config: ApiConfig): DynamicModule {
    const providers = [
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
      { provide: TOKENS.runStore, inject: [TOKENS.db, TOKENS.logger], useFactory: (db: Db, logger: Logger) => new MeteredRunStore(db, (error) => logger.warn({ err: (error as Error)?.message }, 'could not record run metrics')) },
      { provide: TOKENS.approvals, inject: [TOKENS.db], useFactory: (db: Db) => new PrismaApprovalStore(db) },
      { provide: TOKENS.apiKeys, inject: [TOKENS.db], useFactory: (db: Db) => new ApiKeyRepository(db) },
      { provide: TOKENS.audit, inject: [TOKENS.db], useFactory: (db: Db) => new AuditRepository(db) },
      {
        provide: TOKENS.identityLimits,
        inject: [TOKENS.redis],
        useFactory: (redis: Redis) =>
          new IdentityLimits({ redis, keyPrefix: config.QUEUE_PREFIX, requestsPerMinute: config.API_RATE_LIMIT_PER_MINUTE, runStartsPerMinute: config.RUN_STARTS_PER_MINUTE }),
      },
      {
        provide: TOKENS.connectionRepository,
        inject: [TOKENS.db],
        useFactory: (db: Db) => new ConnectionRepository(db, config.CREDENTIALS_KEY ? new CredentialCipher(config.CREDENTIALS_KEY) : null),
      },
      {
        provide: TOKENS.connections,
        inject: [TOKENS.connectionRepository],
        // No rate limiter here: the API only makes connection checks, a handful of calls.
        useFactory: (repository: ConnectionRepository) => new DefenderConnectionResolver({ configs: connectionsFromEnv(config), defaults: connectionDefaultsFromEnv(config), allowedHosts: parseDefenderAllowedHosts(config.DEFENDER_ALLOWED_HOSTS), repository, refreshMs: 0 }),
      },
      {
        provide: TOKENS.runControl,
        inject: [TOKENS.db, TOKENS.queue, TOKENS.playbooks, TOKENS.runs, TOKENS.approvals, TOKENS.connections],
        // The Defender handlers are here only for their `cancel` hook (a cancelled run stops its machine actions).
        useFactory: (db: Db, queue: EngineQueue, playbooks: PlaybookRepository, runs: RunRepository, approvals: PrismaApprovalStore, connections: DefenderConnectionResolver) =>
          createRunControl({
            playbooks,
            runs,
            store: new PrismaRunControlStore(db),
            approvals,
            scheduler: queue,
            handlers: createDefenderActionHandlers(connections),
          }),
      },
    ];
    return { module: InfrastructureModule, providers, exports: providers.map((p) => p.provide) };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    await this.db.$disconnect();
    this.redis.disconnect();
  }
}
