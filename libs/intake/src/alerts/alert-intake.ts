import type { JsonValue } from '@soar/contracts';
import { planAlertRuns } from '@soar/playbook';
import type { IntakeAlertRepository, IntakeSourceKey, IntakeSourceRepository } from '@soar/persistence';
import type { TriggeredRunStarter } from '../triggered-run.starter';
import type { IntakeAlert, IntakeSourceName } from './intake-alert';

export interface IngestResult {
  received: number;
  newVersions: number;
  duplicates: number;
  runs: { runId: string; playbook: string; alertId: string; alertVersion: string }[];
  /** Runs waiting for a slot under their playbook's concurrency (they start in order). */
  queued: { playbook: string; alertId: string; alertVersion: string }[];
  errors: { playbook: string; alertId: string; message: string }[];
}

/**
 * Every source (webhook, Defender poller, Graph poller) hands alerts to this one port: each version
 * is stored, every enabled playbook's alert triggers are matched, and each match starts a run
 * exactly once (the firing's unique key). A repeat delivery is matched again, harmlessly: should
 * an earlier delivery have stored the version and died before starting its runs, this one starts them.
 */
export class AlertIntake {
  constructor(
    private readonly deps: {
      alerts: IntakeAlertRepository;
      sources: IntakeSourceRepository;
      starter: TriggeredRunStarter;
      now?: () => Date;
    },
  ) {}

  async ingest(input: { connection: string; source: IntakeSourceName; sourceKey: IntakeSourceKey; alerts: IntakeAlert[] }): Promise<IngestResult> {
    const result: IngestResult = { received: input.alerts.length, newVersions: 0, duplicates: 0, runs: [], queued: [], errors: [] };
    const playbooks = (await this.deps.alerts.triggerablePlaybooks()).filter(
      (p) => (p.definition.connection ?? 'default') === input.connection && p.definition.triggers.some((t) => t.type === 'alert'),
    );
    for (const alert of input.alerts) {
      const { stored, firstSeen } = await this.deps.alerts.recordVersion({ connection: input.connection, alertId: alert.id, version: alert.version, source: input.source, payload: alert.raw });
      if (stored) result.newVersions++;
      else result.duplicates++;
      for (const playbook of playbooks) {
        for (const plan of planAlertRuns(playbook.definition, alert.alert, { alertId: alert.id, version: alert.version, firstSeen })) {
          const trigger: JsonValue = {
            type: 'alert',
            source: input.source,
            connection: input.connection,
            alertId: alert.id,
            alertVersion: alert.version,
            triggerIndex: plan.triggerIndex,
            alert: alert.alert,
          };
          const started = await this.deps.starter.start({
            playbook: playbook.name,
            inputs: plan.inputs,
            trigger,
            startedBy: `intake:${input.source}`,
            firing: { kind: 'alert', connection: input.connection, alertId: alert.id, playbookName: playbook.name, triggerIndex: plan.triggerIndex, occurrence: plan.occurrence },
          });
          if (started.kind === 'started') result.runs.push({ runId: started.runId, playbook: playbook.name, alertId: alert.id, alertVersion: alert.version });
          if (started.kind === 'held') result.queued.push({ playbook: playbook.name, alertId: alert.id, alertVersion: alert.version });
          if (started.kind === 'failed') result.errors.push({ playbook: playbook.name, alertId: alert.id, message: started.message });
        }
      }
    }
    const now = (this.deps.now ?? (() => new Date()))();
    const newest = Math.max(...input.alerts.map((a) => Date.parse(a.version)).filter((t) => Number.isFinite(t)));
    await this.deps.sources.record(input.sourceKey, {
      alertsSeen: result.received,
      runsStarted: result.runs.length + result.queued.length,
      duplicatesDropped: result.duplicates,
      errors: result.errors.length,
      ...(result.errors.length ? { lastError: result.errors[result.errors.length - 1]!.message } : {}),
      ...(Number.isFinite(newest) ? { lagSeconds: Math.max(0, (now.getTime() - newest) / 1000) } : {}),
    });
    return result;
  }
}
