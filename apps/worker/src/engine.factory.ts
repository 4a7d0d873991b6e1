import type { ActionHandler } from '@soar/contracts';
import { actionCatalog, parseDefenderAllowedHosts, createDefenderActionHandlers, DefenderConnectionResolver, DefenderRateLimiter } from '@soar/defender';
import { createCoreHandlers, createRunControl, Reconciler, RunAdvancer, StepExecutor } from '@soar/engine';
import type { Logger } from '@soar/observability';
import {
  ConnectionRepository,
  connectionsFromEnv,
  connectionDefaultsFromEnv,
  CredentialCipher,
  DelegatedTokenStore,
  loadPlaybookSecrets,
  PlaybookRepository,
  PrismaApprovalStore,
  MeteredRunStore,
  PrismaRunControlStore,
  PrismaStaleWorkFinder,
  RunRepository,
  type Db,
} from '@soar/persistence';
import type { EngineQueue } from '@soar/queue';
import type { Redis } from 'ioredis';
import { ChildRunsAdapter } from './child-runs.adapter';
import { instrumentHandlers } from './ops/instrument-handlers';
import { webhookHandler } from './core/webhook.handler';
import { DelegatedIdentity } from './delegation/delegated-identity';
import type { WorkerConfig } from './worker.config';

/** Builds the engine with every action handler: Defender, core, and the webhook. */
export function createEngine(deps: { config: WorkerConfig; db: Db; redis: Redis; queue: EngineQueue; logger: Logger }) {
  const { config, db, redis, queue, logger } = deps;
  const store = new MeteredRunStore(db, (error) => logger.warn({ err: (error as Error)?.message }, 'could not record run metrics'));
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
  const connections = new DefenderConnectionResolver({
    configs: connectionsFromEnv(config),
    allowedHosts: parseDefenderAllowedHosts(config.DEFENDER_ALLOWED_HOSTS),
    defaults: connectionDefaultsFromEnv(config),
    repository: new ConnectionRepository(db, config.CREDENTIALS_KEY ? new CredentialCipher(config.CREDENTIALS_KEY) : null),
    rateLimiter,
    logger,
  });
  const approvals = new PrismaApprovalStore(db);
  const playbooks = new PlaybookRepository(db);
  // run_as: each Defender step acts as the app or, with the token the API stored, as a person.
  const delegation = new DelegatedIdentity(
    new DelegatedTokenStore(redis, { prefix: config.QUEUE_PREFIX, cipher: config.CREDENTIALS_KEY ? new CredentialCipher(config.CREDENTIALS_KEY) : null }),
    (name) => connections.get(name),
  );
  const handlers = instrumentHandlers(new Map<string, ActionHandler>([
    ...delegation.wrap(createDefenderActionHandlers((name, ctx) => delegation.clientFor(name, ctx), {
      pollInitialMs: config.DEFENDER_ACTION_POLL_SECONDS * 1000,
      pollMaxMs: config.DEFENDER_ACTION_MAX_POLL_SECONDS * 1000,
      maxActionWaitMs: config.DEFENDER_ACTION_MAX_WAIT_SECONDS * 1000,
      linkWaitMs: config.DEFENDER_DOWNLOAD_LINK_WAIT_SECONDS * 1000,
    })),
    ...createCoreHandlers({ approvals, children: new ChildRunsAdapter({ playbooks, runs, scheduler: queue }) }),
    ['core.webhook', webhookHandler({ allowed: config.WEBHOOK_ALLOWED_HOSTS, privateNetworks: config.WEBHOOK_PRIVATE_NETWORKS })],
  ]));
  const missing = [...actionCatalog.keys()].filter((name) => !handlers.has(name));
  if (missing.length) throw new Error(`no handler for actions: ${missing.join(', ')}`);

  const control = createRunControl({ playbooks, runs, store: new PrismaRunControlStore(db), approvals, scheduler: queue, handlers });
  const advancer = new RunAdvancer({
    store,
    scheduler: queue,
    // A finished sub-playbook run resumes the parent step waiting for it at once.
    onRunFinished: async (runId) => {
      await control.finishSubRun.execute(runId);
    },
  });
  // One job per step: the worker that stores a step's result advances the run itself.
  const executor = new StepExecutor({ store, scheduler: queue, catalog: actionCatalog, handlers, workerId: config.WORKER_ID, secrets, advancer });
  const reconciler = new Reconciler({
    finder: new PrismaStaleWorkFinder(db),
    scheduler: queue,
    graceMs: config.RECONCILE_GRACE_MS,
    runningGraceMs: config.RECONCILE_RUNNING_GRACE_MS,
  });
  return { advancer, executor, reconciler, rateLimiter, connections };
}
