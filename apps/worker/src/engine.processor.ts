import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { advanceRunJobSchema, ENGINE_ERROR_CODES, executeStepJobSchema, JOBS, QUEUES, type JobName } from '@soar/contracts';
import type { z } from 'zod';
import type { Reconciler, RunAdvancer, StepExecutor } from '@soar/engine';
import { isValidCorrelationId, queueTelemetry, withCorrelation, withSpan, type Logger } from '@soar/observability';

type Handler = (job: Job) => Promise<void>;

/**
 * Thin BullMQ processor: validates the payload and hands the ids to the engine. Every job name
 * has a handler or the worker refuses to start (a producer/consumer mismatch must not lose jobs).
 */
export class EngineProcessor {
  private worker?: Worker;
  private readonly handlers: Record<JobName, Handler>;

  constructor(
    private readonly deps: {
      connection: Redis;
      prefix: string;
      concurrency: number;
      lockMs: number;
      advancer: RunAdvancer;
      executor: StepExecutor;
      reconciler: Reconciler;
      /** Deletes run history past its retention; absent when retention is off. */
      retention?: () => Promise<void>;
      logger: Logger;
      queueName?: string;
    },
  ) {
    this.handlers = {
      [JOBS.advanceRun]: (job) => deps.advancer.advance(payloadOf(job, advanceRunJobSchema).runId),
      [JOBS.executeStep]: (job) => {
        const { runId, stepId } = payloadOf(job, executeStepJobSchema);
        return deps.executor.execute(runId, stepId);
      },
      [JOBS.reconcile]: async () => {
        const report = await deps.reconciler.reconcile();
        if (report.steps || report.runs) deps.logger.warn(report, 'reconciler re-queued work whose job was missing or late');
      },
      // A schedule left over from when retention was on does nothing once it is off.
      [JOBS.retention]: async () => deps.retention?.(),
    };
    const missing = Object.values(JOBS).filter((name) => !this.handlers[name]);
    if (missing.length) throw new Error(`no handler for job names: ${missing.join(', ')}`);
  }

  start(): void {
    const { deps } = this;
    this.worker = new Worker(
      deps.queueName ?? QUEUES.engine,
      async (job) => {
        const handler = this.handlers[job.name as JobName];
        if (!handler) throw new UnrecoverableError(`${ENGINE_ERROR_CODES.malformedJob}: unknown job name ${job.name}`);
        const data = (job.data ?? {}) as { correlationId?: unknown; runId?: unknown; stepId?: unknown };
        // Every log line of the job (and jobs it queues) carries the correlation id it was queued with.
        await withCorrelation(
          {
            jobId: job.id,
            ...(isValidCorrelationId(data.correlationId) ? { correlationId: data.correlationId } : {}),
            ...(typeof data.runId === 'string' ? { runId: data.runId } : {}),
            ...(typeof data.stepId === 'string' ? { stepId: data.stepId } : {}),
          },
          () =>
            withSpan(
              `engine ${job.name}`,
              { 'soar.job_id': job.id ?? '', ...(typeof data.runId === 'string' ? { 'soar.run_id': data.runId } : {}), ...(typeof data.stepId === 'string' ? { 'soar.step_id': data.stepId } : {}) },
              () => handler(job),
            ),
        );
      },
      {
        connection: deps.connection,
        prefix: deps.prefix,
        concurrency: deps.concurrency,
        // A killed worker's jobs are picked up again once its lock lapses; the step's stored state
        // turns that second delivery into a takeover that checks for an already-sent side effect.
        lockDuration: deps.lockMs,
        stalledInterval: deps.lockMs,
        maxStalledCount: 10,
        // With tracing on: a consumer span per job, child of the span that queued it.
        telemetry: queueTelemetry(),
      },
    );
    this.worker.on('failed', (job, error) =>
      error instanceof UnrecoverableError
        ? deps.logger.error({ jobId: job?.id, job: job?.name, err: error.message }, 'engine job is malformed; failed without retry')
        : deps.logger.warn({ jobId: job?.id, job: job?.name, err: error.message }, 'engine job failed; BullMQ will retry'),
    );
    this.worker.on('error', (error) => deps.logger.error({ err: error.message }, 'worker error'));
  }

  /** Stops taking jobs and waits for the ones in progress (SIGTERM). */
  async close(): Promise<void> {
    await this.worker?.close();
  }
}

/**
 * The job's payload, checked. A malformed one can never succeed, so it fails at once
 * (UnrecoverableError: BullMQ does not retry it) instead of being retried with backoff.
 */
function payloadOf<S extends z.ZodType>(job: Job, schema: S): z.infer<S> {
  const parsed = schema.safeParse(job.data);
  if (parsed.success) return parsed.data;
  const what = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
  throw new UnrecoverableError(`${ENGINE_ERROR_CODES.malformedJob}: job ${job.id} (${job.name}) has a malformed payload: ${what}`);
}
