import type { DefenderClient } from '@soar/defender';
import type { IntakeSourceKey, IntakeSourceRepository } from '@soar/persistence';
import type { AlertIntake } from '../alerts/alert-intake';
import type { IntakeAlert } from '../alerts/intake-alert';
import { parseOne } from '../alerts/parse-intake-alerts';
import type { PollBudget } from './poll-budget';

export interface PollerOptions {
  /** How far before the watermark each poll starts: Defender documents no ordering and data lands late. */
  overlapMs: number;
  /** Where the first poll of a connection starts (now minus this). */
  lookbackMs: number;
  /** Most alerts one poll reads (pages of `pageSize`, following @odata.nextLink). */
  maxAlertsPerPoll: number;
  pageSize: number;
}

export interface PollReport {
  fetched: number;
  runsStarted: number;
  watermark: string;
  capped: boolean;
  skipped?: string;
}

/** Reads a connection's alerts as intake alerts: Defender's `GET /api/alerts` or Graph alerts_v2. */
export interface AlertFeed {
  readonly source: 'defender-poller' | 'graph-poller';
  fetch(client: DefenderClient, since: Date, options: PollerOptions): Promise<unknown[]>;
}

/** `GET /api/alerts?$filter=lastUpdateTime ge <since>&$expand=evidence`, paged. */
export const defenderAlertFeed: AlertFeed = {
  source: 'defender-poller',
  fetch: (client, since, options) =>
    client.listAlerts({ filter: `lastUpdateTime ge ${since.toISOString()}`, top: options.pageSize, limit: options.maxAlertsPerPoll, expandEvidence: true }),
};

/** Graph `security/alerts_v2` for Defender for Endpoint alerts, by `lastUpdateDateTime` (normalised on intake). */
export const graphAlertFeed: AlertFeed = {
  source: 'graph-poller',
  fetch: (client, since, options) =>
    client.graph().listAlerts({
      filter: `lastUpdateDateTime ge ${since.toISOString()} and serviceSource eq 'microsoftDefenderForEndpoint'`,
      top: Math.min(options.pageSize, 2000),
      limit: options.maxAlertsPerPoll,
    }),
};

/**
 * One poll of one connection: from the stored watermark minus the overlap (`ge`, so ties at the
 * watermark are read again), hands the alerts to AlertIntake (repeats are dropped there), then
 * moves the watermark to the newest lastUpdateTime seen. Callers run one poll per connection at a
 * time (a BullMQ job scheduler plus a lock).
 */
export class AlertPoller {
  constructor(
    private readonly deps: {
      feed: AlertFeed;
      sources: IntakeSourceRepository;
      intake: AlertIntake;
      client: (connection: string) => Promise<DefenderClient>;
      budget?: PollBudget;
      options: PollerOptions;
      now?: () => Date;
    },
  ) {}

  sourceKey(connection: string): IntakeSourceKey {
    return { id: `${this.deps.feed.source}:${connection}`, kind: this.deps.feed.source, connection };
  }

  async poll(connection: string): Promise<PollReport> {
    const { feed, sources, options } = this.deps;
    const key = this.sourceKey(connection);
    const now = (this.deps.now ?? (() => new Date()))();
    const watermark = (await sources.watermark(key.id)) ?? new Date(now.getTime() - options.lookbackMs);
    const pages = Math.ceil(options.maxAlertsPerPoll / options.pageSize);
    const budget = this.deps.budget ? await this.deps.budget.take(connection, pages) : { ok: true as const };
    if (!budget.ok) {
      const skipped = `poll skipped: the pollers' share of the Defender quota is used up for ${Math.ceil(budget.retryAfterMs / 1000)} s`;
      await sources.record(key, { polledAt: now, lastError: skipped });
      return { fetched: 0, runsStarted: 0, watermark: watermark.toISOString(), capped: false, skipped };
    }
    try {
      const client = await this.deps.client(connection);
      const raw = await feed.fetch(client, new Date(watermark.getTime() - options.overlapMs), options);
      const alerts: IntakeAlert[] = [];
      for (const [i, item] of raw.entries()) {
        const parsed = parseOne(item, `value[${i}]`);
        if (!('problems' in parsed)) alerts.push(parsed);
      }
      const newest = Math.max(watermark.getTime(), ...alerts.map((a) => Date.parse(a.version)).filter(Number.isFinite));
      const result = alerts.length ? await this.deps.intake.ingest({ connection, source: feed.source, sourceKey: key, alerts }) : undefined;
      const capped = raw.length >= options.maxAlertsPerPoll;
      const dropped = raw.length - alerts.length;
      await sources.record(key, {
        watermark: new Date(newest),
        polledAt: now,
        succeededAt: now,
        lastError: capped
          ? `the poll read its cap of ${options.maxAlertsPerPoll} alerts; raise INTAKE_POLL_MAX_ALERTS if this repeats`
          : dropped
            ? `${dropped} alert(s) without an id or lastUpdateTime were skipped`
            : null,
      });
      return { fetched: raw.length, runsStarted: result?.runs.length ?? 0, watermark: new Date(newest).toISOString(), capped };
    } catch (error) {
      await sources.record(key, { polledAt: now, errors: 1, lastError: describe(error) });
      throw error;
    }
  }
}

/** The error's code and message only (DefenderApiError messages never carry tokens or secrets). */
function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return `${e.code ? `${e.code}: ` : ''}${e.message ?? String(error)}`.slice(0, 500);
}
