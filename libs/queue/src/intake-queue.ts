import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { INTAKE_JOBS, QUEUES, type PollAlertsJob, type ScheduleTickJob } from '@soar/contracts';

const JOB_OPTIONS = { removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: { age: 24 * 3600, count: 1000 }, attempts: 1 };
const POLLER_PREFIX = 'poll.';
const SCHEDULE_PREFIX = 'schedule.';

export interface DesiredPoller {
  connection: string;
  source: PollAlertsJob['source'];
}
export interface DesiredScheduleTick {
  id: string;
  playbook: string;
  triggerIndex: number;
  cron: string;
  timezone: string;
}

/**
 * Alert polls and schedule ticks as BullMQ job schedulers: BullMQ adds one job per interval or
 * cron tick, whichever worker asks, so exactly one worker handles each. Schedulers are only
 * written when missing or changed, so the many workers checking them never push a tick back.
 */
export class IntakeQueue {
  readonly queue: Queue;

  constructor(options: { connection: Redis; prefix?: string; onError?: (error: Error) => void }) {
    this.queue = new Queue(QUEUES.intake, { connection: options.connection, prefix: options.prefix, defaultJobOptions: JOB_OPTIONS });
    this.queue.on('error', options.onError ?? (() => undefined));
  }

  async syncPollers(pollers: DesiredPoller[], everyMs: number): Promise<void> {
    const wanted = new Map(pollers.map((p) => [`${POLLER_PREFIX}${p.source}.${p.connection}`, p]));
    await this.removeOthers(POLLER_PREFIX, wanted);
    for (const [id, poller] of wanted) {
      const existing = await this.queue.getJobScheduler(id);
      if (existing && Number(existing.every) === everyMs) continue;
      const data: PollAlertsJob = { connection: poller.connection, source: poller.source };
      await this.queue.upsertJobScheduler(id, { every: everyMs }, { name: INTAKE_JOBS.pollAlerts, data, opts: JOB_OPTIONS });
    }
  }

  async syncSchedules(schedules: DesiredScheduleTick[]): Promise<void> {
    const wanted = new Map(schedules.map((s) => [s.id, s]));
    await this.removeOthers(SCHEDULE_PREFIX, wanted);
    for (const [id, s] of wanted) {
      const existing = await this.queue.getJobScheduler(id);
      if (existing && existing.pattern === s.cron && (existing.tz ?? 'UTC') === s.timezone) continue;
      const data: ScheduleTickJob = { playbook: s.playbook, triggerIndex: s.triggerIndex, cron: s.cron, timezone: s.timezone };
      await this.queue.upsertJobScheduler(id, { pattern: s.cron, tz: s.timezone }, { name: INTAKE_JOBS.scheduleTick, data, opts: JOB_OPTIONS });
    }
  }

  /** One release of waiting triggered runs at a time, every `everyMs`. */
  async ensureReleaseScheduled(everyMs: number): Promise<void> {
    const existing = await this.queue.getJobScheduler('release-held-runs');
    if (existing && Number(existing.every) === everyMs) return;
    await this.queue.upsertJobScheduler('release-held-runs', { every: everyMs }, { name: INTAKE_JOBS.releaseHeldRuns, data: {}, opts: { removeOnComplete: true, removeOnFail: 100, attempts: 1 } });
  }

  private async removeOthers(prefix: string, wanted: Map<string, unknown>): Promise<void> {
    const existing = await this.queue.getJobSchedulers(0, -1);
    for (const scheduler of existing) {
      const id = scheduler.id ?? scheduler.key;
      if (id.startsWith(prefix) && !wanted.has(id)) await this.queue.removeJobScheduler(id);
    }
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
