import type { ActionHandler } from '@soar/contracts';
import { actionCatalog } from '@soar/contracts';
import { createDefenderActionHandlers, DefenderRateLimiter } from '@soar/defender';
import { createCoreHandlers, Reconciler, RunAdvancer, StepExecutor } from '@soar/engine';
import type { Logger } from '@soar/observability';
import {
  ConnectionRepository,
  ConnectionResolver,
  connectionsFromEnv,
  CredentialCipher,
  loadPlaybookSecrets,
  PlaybookRepository,
  PrismaApprovalStore,
  PrismaRunStore,
  PrismaStaleWorkFinder,
  RunRepository,
  type Db,
} from '@soar/persistence';
import type { EngineQueue } from '@soar/queue';
import type { Redis } from 'ioredis';
import { ChildRunsAdapter } from './child-runs.adapter';
import { webhookHandler } from './core/webhook.handler';
import type { WorkerConfig } from './worker.config';

/** Builds the engine with every action handler: Defender, core, and the webhook. */
export function createEngine(deps: { config: WorkerConfig; db: Db; redis: Redis; queue: EngineQueue; logger: Logger }) {
  const { config, db, redis, queue, logger } = deps;
  const store = new PrismaRunStore(db);
  const secrets = loadPlaybookSecrets(config.PLAYBOOK_SECRETS_FILE);
  const runs = new RunRepository(db);
  const rateLimiter =
    config.DEFENDER_RATE_LIMITS === 'on'
      ? new DefenderRateLimiter({
          redis,
          keyPrefix: `${config.QUEUE_PREFIX}:defender-rl`,
          windowMarginMs: config.DEFENDER_RATE_LIMIT_MARGIN_MS,
          ...(config.DEFENDER_RATE_LIMITS_JSON ? { limits: config.DEFENDER_RATE_LIMITS_JSON } : {}),
        })
      : undefined;
  const connections = new ConnectionResolver({
    configs: connectionsFromEnv(config),
    repository: new ConnectionRepository(db, config.CREDENTIALS_KEY ? new CredentialCipher(config.CREDENTIALS_KEY) : null),
    rateLimiter,
    logger,
  });
  const handlers = new Map<string, ActionHandler>([
    ...withResolvedConnection(createDefenderActionHandlers((name) => connections.cached(name)), connections),
    ...createCoreHandlers({ approvals: new PrismaApprovalStore(db), children: new ChildRunsAdapter({ playbooks: new PlaybookRepository(db), runs, scheduler: queue }) }),
    ['core.webhook', webhookHandler(config.WEBHOOK_ALLOWED_HOSTS.split(',').map((h) => h.trim()).filter(Boolean))],
  ]);
  const missing = [...actionCatalog.keys()].filter((name) => !handlers.has(name));
  if (missing.length) throw new Error(`no handler for actions: ${missing.join(', ')}`);

  const advancer = new RunAdvancer({
    store,
    scheduler: queue,
    secrets,
    // A finished sub-playbook run resumes the parent step waiting for it at once.
    onRunFinished: async (runId) => {
      const run = await runs.result(runId);
      if (run?.parentRunId && run.parentStepId) {
        await queue.enqueueStep(run.parentRunId, run.parentStepId, { dedupeKey: `${run.parentStepId}.${run.parentAttempt}.child-${runId}` });
      }
    },
  });
  const executor = new StepExecutor({ store, scheduler: queue, catalog: actionCatalog, handlers, workerId: config.WORKER_ID, secrets });
  const reconciler = new Reconciler({
    finder: new PrismaStaleWorkFinder(db),
    scheduler: queue,
    graceMs: config.RECONCILE_GRACE_MS,
    runningGraceMs: config.RECONCILE_RUNNING_GRACE_MS,
  });
  return { advancer, executor, reconciler, rateLimiter, connections };
}

/**
 * Defender handlers look their client up synchronously; resolving the step's connection first
 * (which may read a stored connection from Postgres) makes that lookup succeed.
 */
function withResolvedConnection(handlers: Map<string, ActionHandler>, connections: ConnectionResolver): Map<string, ActionHandler> {
  const wrapped = new Map<string, ActionHandler>();
  for (const [name, handler] of handlers) {
    wrapped.set(name, {
      execute: async (params, ctx) => {
        await connections.get(ctx.connection);
        return handler.execute(params, ctx);
      },
      ...(handler.resume
        ? {
            resume: async (state, ctx) => {
              await connections.get(ctx.connection);
              return handler.resume!(state, ctx);
            },
          }
        : {}),
    });
  }
  return wrapped;
}
