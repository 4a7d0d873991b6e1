import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { INTAKE_JOBS, QUEUES, type IntakeJobName, type PollAlertsJob, type ScheduleTickJob } from '@soar/contracts';
import type { EngineQueue, IntakeQueue } from '@soar/queue';
import { AlertIntake, AlertPoller, defenderAlertFeed, desiredSchedules, graphAlertFeed, PollBudget, ScheduleTicks, TriggeredRunStarter, type AlertFeed } from '@soar/intake';
import { IntakeAlertRepository, IntakeSourceRepository, PlaybookRepository, TriggeredRunRepository, type Db } from '@soar/persistence';
import type { DefenderConnections } from '@soar/defender';
import type { Logger } from '@soar/observability';
import type { WorkerConfig } from '../worker.config';
import { withPollLock } from './poll-lock';

type Handler = (job: Job) => Promise<void>;
const FEEDS: Record<PollAlertsJob['source'], AlertFeed> = { defender: defenderAlertFeed, graph: graphAlertFeed };

/**
 * The intake queue's worker: alert polls and schedule ticks, both produced by BullMQ job
 * schedulers (one job per interval or tick for all workers). Thin: it hands the job to libs/intake.
 */
export class IntakeProcessor {
  private worker?: Worker;
  private readonly handlers: Record<IntakeJobName, Handler>;
  private readonly alerts: IntakeAlertRepository;
  private readonly pollers: Partial<Record<PollAlertsJob['source'], AlertPoller>>;
  private readonly ticks: ScheduleTicks;
  private readonly triggered: TriggeredRunRepository;

  constructor(
    private readonly deps: { redis: Redis; db: Db; engineQueue: EngineQueue; intakeQueue: IntakeQueue; connections: DefenderConnections; config: WorkerConfig; logger: Logger },
  ) {
    const { db, config } = deps;
    this.alerts = new IntakeAlertRepository(db);
    const sources = new IntakeSourceRepository(db);
    this.triggered = new TriggeredRunRepository(db);
    const starter = new TriggeredRunStarter({ playbooks: new PlaybookRepository(db), runs: this.triggered, scheduler: deps.engineQueue });
    const intake = new AlertIntake({ alerts: this.alerts, sources, starter });
    const budget = new PollBudget({ redis: deps.redis, keyPrefix: config.QUEUE_PREFIX, callsPerMinute: 100 * config.INTAKE_POLL_QUOTA_SHARE });
    const options = {
      overlapMs: config.INTAKE_POLL_OVERLAP_MS,
      lookbackMs: config.INTAKE_POLL_LOOKBACK_MS,
      maxAlertsPerPoll: config.INTAKE_POLL_MAX_ALERTS,
      pageSize: Math.min(config.INTAKE_POLL_PAGE_SIZE, config.INTAKE_POLL_MAX_ALERTS),
    };
    const poller = (feed: AlertFeed) => new AlertPoller({ feed, sources, intake, budget, options, client: (name) => deps.connections.get(name) });
    this.pollers = Object.fromEntries(Object.entries(FEEDS).map(([source, feed]) => [source, poller(feed)]));
    this.ticks = new ScheduleTicks({ alerts: this.alerts, sources, starter });
    this.handlers = {
      [INTAKE_JOBS.pollAlerts]: (job) => this.poll(job.data as PollAlertsJob),
      [INTAKE_JOBS.scheduleTick]: (job) => this.tick(job),
      [INTAKE_JOBS.releaseHeldRuns]: () => this.releaseHeld(),
    };
  }

  start(): void {
    this.worker = new Worker(
      QUEUES.intake,
      async (job) => {
        const handler = this.handlers[job.name as IntakeJobName];
        if (!handler) throw new Error(`unknown intake job name ${job.name}`);
        await handler(job);
      },
      { connection: this.deps.redis, prefix: this.deps.config.QUEUE_PREFIX, concurrency: 4, lockDuration: this.deps.config.WORKER_LOCK_MS, stalledInterval: this.deps.config.WORKER_LOCK_MS },
    );
    this.worker.on('failed', (job, error) => this.deps.logger.warn({ job: job?.name, jobId: job?.id, err: error.message }, 'intake job failed'));
    this.worker.on('error', (error) => this.deps.logger.error({ err: error.message }, 'intake worker error'));
  }

  /** Aligns the poll and schedule job schedulers with the configuration and the playbooks. */
  async sync(): Promise<void> {
    await this.deps.intakeQueue.syncPollers(this.deps.config.INTAKE_POLLERS, this.deps.config.INTAKE_POLL_INTERVAL_MS);
    await this.deps.intakeQueue.syncSchedules(await desiredSchedules(this.alerts));
    await this.deps.intakeQueue.ensureReleaseScheduled(this.deps.config.INTAKE_RELEASE_EVERY_MS);
  }

  private async poll(job: PollAlertsJob): Promise<void> {
    const { config, redis } = this.deps;
    const lockKey = `${config.QUEUE_PREFIX}:intake-poll-lock:${job.source}:${job.connection}`;
    const ttl = Math.max(2 * config.INTAKE_POLL_INTERVAL_MS, 120_000);
    const poller = this.pollers[job.source];
    if (!poller) throw new Error(`no ${job.source} alert poller`);
    const outcome = await withPollLock(redis, lockKey, ttl, () => poller.poll(job.connection));
    if (!outcome.ran) this.deps.logger.info({ connection: job.connection }, 'alert poll skipped: the previous poll is still running');
    else if (outcome.value.runsStarted || outcome.value.skipped) this.deps.logger.info({ connection: job.connection, ...outcome.value }, 'alert poll');
  }

  private async tick(job: Job): Promise<void> {
    const data = job.data as ScheduleTickJob;
    // Scheduler jobs are named repeat:<scheduler id>:<tick millis>: the tick, the same for every worker.
    const millis = Number(String(job.id).split(':').pop());
    const tick = new Date(Number.isFinite(millis) && millis > 0 ? millis : job.timestamp + (job.opts.delay ?? 0));
    const result = await this.ticks.tick({ playbook: data.playbook, triggerIndex: data.triggerIndex, cron: data.cron, tick });
    this.deps.logger.info({ playbook: data.playbook, tick: tick.toISOString(), result }, 'schedule tick');
  }

  /** Starts runs that waited for their playbook's concurrency, in arrival order (committed, then queued). */
  private async releaseHeld(): Promise<void> {
    const runIds = await this.triggered.releaseHeld();
    for (const runId of runIds) await this.deps.engineQueue.enqueueAdvance(runId, 'start');
  }

  async close(): Promise<void> {
    await this.worker?.close();
  }
}
