import type { JsonValue } from '@soar/contracts';
import type { PlaybookDefinition } from '@soar/playbook';
import type { Db } from '../prisma-client.factory';
import { toDbJson } from '../json';

export interface AlertVersionRecord {
  connection: string;
  alertId: string;
  /** lastUpdateTime, ISO-8601. */
  version: string;
  source: string;
  payload: JsonValue;
}

/** A playbook whose latest version intake matches alerts and ticks against. */
export interface TriggerablePlaybook {
  name: string;
  definition: PlaybookDefinition;
}

/** Alert versions as intake received them, and the playbooks their triggers may start. */
export class IntakeAlertRepository {
  constructor(private readonly db: Db) {}

  /**
   * Stores one alert version unless it is stored already. `stored` is false for a repeat delivery;
   * `firstSeen` is true when no other version of the alert was stored before.
   */
  async recordVersion(record: AlertVersionRecord): Promise<{ stored: boolean; firstSeen: boolean }> {
    const { count } = await this.db.intakeAlert.createMany({
      data: [{ connection: record.connection, alertId: record.alertId, version: record.version, source: record.source, payload: toDbJson(record.payload) as object }],
      skipDuplicates: true,
    });
    const others = await this.db.intakeAlert.count({ where: { connection: record.connection, alertId: record.alertId, version: { not: record.version } } });
    return { stored: count === 1, firstSeen: others === 0 };
  }

  /** Versions of one alert, oldest first (what a run's history links to). */
  async versions(connection: string, alertId: string): Promise<{ version: string; source: string; receivedAt: Date }[]> {
    const rows = await this.db.intakeAlert.findMany({ where: { connection, alertId }, orderBy: { version: 'asc' }, select: { version: true, source: true, receivedAt: true } });
    return rows;
  }

  /** Enabled playbooks whose triggers are not paused, with their latest definition. */
  async triggerablePlaybooks(): Promise<TriggerablePlaybook[]> {
    const playbooks = await this.db.playbook.findMany({
      where: { enabled: true, triggersPaused: false },
      orderBy: { name: 'asc' },
      include: { versions: { orderBy: { version: 'desc' }, take: 1, select: { definition: true } } },
    });
    return playbooks.filter((p) => p.versions[0]).map((p) => ({ name: p.name, definition: p.versions[0]!.definition as unknown as PlaybookDefinition }));
  }

  /** Pauses or resumes a playbook's alert and schedule triggers; false when it does not exist. */
  async setTriggersPaused(name: string, paused: boolean): Promise<boolean> {
    const { count } = await this.db.playbook.updateMany({ where: { name }, data: { triggersPaused: paused } });
    return count === 1;
  }

  /** Names of the playbooks whose triggers are paused. */
  async pausedPlaybooks(): Promise<Set<string>> {
    const rows = await this.db.playbook.findMany({ where: { triggersPaused: true }, select: { name: true } });
    return new Set(rows.map((r) => r.name));
  }

  async triggersPaused(name: string): Promise<boolean | null> {
    const row = await this.db.playbook.findUnique({ where: { name }, select: { triggersPaused: true } });
    return row ? row.triggersPaused : null;
  }
}
