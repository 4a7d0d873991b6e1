import type { JsonValue } from '@soar/contracts';
import type { IntakeAlertRepository, IntakeSourceRepository } from '@soar/persistence';
import type { ScheduleTrigger } from '@soar/playbook';
import type { TriggeredRunStarter } from '../triggered-run.starter';

/** A schedule trigger as a BullMQ job scheduler runs it. */
export interface DesiredSchedule {
  /** `schedule.<playbook>.<trigger index>` */
  id: string;
  playbook: string;
  triggerIndex: number;
  cron: string;
  timezone: string;
}

export const SCHEDULE_ID_PREFIX = 'schedule.';

/** Every schedule trigger of enabled playbooks whose triggers are not paused. */
export async function desiredSchedules(alerts: IntakeAlertRepository): Promise<DesiredSchedule[]> {
  const playbooks = await alerts.triggerablePlaybooks();
  return playbooks.flatMap((p) =>
    p.definition.triggers.flatMap((t, triggerIndex) =>
      t.type === 'schedule' ? [{ id: `${SCHEDULE_ID_PREFIX}${p.name}.${triggerIndex}`, playbook: p.name, triggerIndex, cron: t.cron, timezone: t.timezone }] : [],
    ),
  );
}

/**
 * One tick: starts the playbook's run with the trigger's inputs, once. The tick time is part of
 * the firing's unique key, so a tick delivered twice (two workers, a retried job) starts one run.
 * A tick of a trigger that no longer exists, or of a paused or disabled playbook, starts nothing.
 */
export class ScheduleTicks {
  constructor(private readonly deps: { alerts: IntakeAlertRepository; sources: IntakeSourceRepository; starter: TriggeredRunStarter }) {}

  async tick(job: { playbook: string; triggerIndex: number; cron: string; tick: Date }): Promise<'started' | 'held' | 'duplicate' | 'skipped' | 'failed'> {
    const playbook = (await this.deps.alerts.triggerablePlaybooks()).find((p) => p.name === job.playbook);
    const trigger = playbook?.definition.triggers[job.triggerIndex] as ScheduleTrigger | undefined;
    if (!trigger || trigger.type !== 'schedule' || trigger.cron !== job.cron) return 'skipped';
    const tick = job.tick.toISOString();
    const started = await this.deps.starter.start({
      playbook: job.playbook,
      inputs: trigger.inputs ?? {},
      trigger: { type: 'schedule', schedule: { cron: trigger.cron, timezone: trigger.timezone, tick }, triggerIndex: job.triggerIndex } as JsonValue,
      startedBy: 'intake:schedule',
      firing: { kind: 'schedule', connection: '', alertId: '', playbookName: job.playbook, triggerIndex: job.triggerIndex, occurrence: tick },
    });
    const key = { id: `schedule:${job.playbook}`, kind: 'schedule' as const };
    if (started.kind === 'started' || started.kind === 'held') await this.deps.sources.record(key, { runsStarted: 1, polledAt: new Date(), succeededAt: new Date(), lastError: null });
    if (started.kind === 'duplicate') await this.deps.sources.record(key, { duplicatesDropped: 1 });
    if (started.kind === 'failed') await this.deps.sources.record(key, { errors: 1, lastError: started.message });
    return started.kind;
  }
}
