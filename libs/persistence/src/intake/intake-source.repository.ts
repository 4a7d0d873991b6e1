import type { Db } from '../prisma-client.factory';

export interface IntakeSourceKey {
  /** e.g. `defender-poller:default`, `webhook`, `schedules`. */
  id: string;
  kind: 'defender-poller' | 'graph-poller' | 'webhook' | 'schedule';
  connection?: string;
}

export interface IntakeCounts {
  alertsSeen?: number;
  runsStarted?: number;
  duplicatesDropped?: number;
  errors?: number;
}

export interface IntakeSourceStatus {
  id: string;
  kind: string;
  connection: string | null;
  watermark: string | null;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  alertsSeen: number;
  runsStarted: number;
  duplicatesDropped: number;
  errors: number;
  lagSeconds: number | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Per-source counters, the pollers' watermarks and last errors (the intake status page). */
export class IntakeSourceRepository {
  constructor(private readonly db: Db) {}

  async watermark(id: string): Promise<Date | null> {
    const row = await this.db.intakeSource.findUnique({ where: { id }, select: { watermark: true } });
    return row?.watermark ?? null;
  }

  /** Counters are added atomically in Postgres, so every worker's increments count. */
  async record(
    key: IntakeSourceKey,
    update: IntakeCounts & { watermark?: Date; polledAt?: Date; succeededAt?: Date; lastError?: string | null; lagSeconds?: number },
  ): Promise<void> {
    const counts = {
      alertsSeen: update.alertsSeen ?? 0,
      runsStarted: update.runsStarted ?? 0,
      duplicatesDropped: update.duplicatesDropped ?? 0,
      errors: update.errors ?? 0,
    };
    const fields = {
      ...(update.watermark ? { watermark: update.watermark } : {}),
      ...(update.polledAt ? { lastPollAt: update.polledAt } : {}),
      ...(update.succeededAt ? { lastSuccessAt: update.succeededAt } : {}),
      ...(update.lastError !== undefined ? { lastError: update.lastError } : {}),
      ...(update.lagSeconds !== undefined ? { lagSeconds: update.lagSeconds } : {}),
    };
    await this.db.intakeSource.upsert({
      where: { id: key.id },
      create: { id: key.id, kind: key.kind, connection: key.connection ?? null, ...counts, ...fields },
      update: {
        alertsSeen: { increment: counts.alertsSeen },
        runsStarted: { increment: counts.runsStarted },
        duplicatesDropped: { increment: counts.duplicatesDropped },
        errors: { increment: counts.errors },
        ...fields,
      },
    });
  }

  async list(): Promise<IntakeSourceStatus[]> {
    const rows = await this.db.intakeSource.findMany({ orderBy: { id: 'asc' } });
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      connection: r.connection,
      watermark: iso(r.watermark),
      lastPollAt: iso(r.lastPollAt),
      lastSuccessAt: iso(r.lastSuccessAt),
      lastError: r.lastError,
      alertsSeen: r.alertsSeen,
      runsStarted: r.runsStarted,
      duplicatesDropped: r.duplicatesDropped,
      errors: r.errors,
      lagSeconds: r.lagSeconds,
    }));
  }
}
