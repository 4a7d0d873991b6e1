import { sqlOf, type Db } from '../prisma-client.factory';
import { sqlText } from '../run-transition.sql';

export interface AuditRecord {
  actor: string;
  roles: string[];
  source: string;
  action: string;
  target: string | null;
  status: number;
  outcome: string | null;
  clientAddress: string | null;
  correlationId: string | null;
}

export interface AuditView extends AuditRecord {
  id: string;
  at: string;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  since?: Date;
  until?: Date;
  /** Entries older than this id (the previous page's last). */
  before?: bigint;
  limit: number;
}

/** The append-only audit log (the table's trigger refuses UPDATE and DELETE). */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  /** One plain statement: every write the API takes appends a row, on the request's path. */
  async append(record: AuditRecord): Promise<void> {
    await sqlText(sqlOf(this.db))`
      INSERT INTO audit_entries (at, actor, roles, source, action, target, status, outcome, client_address, correlation_id)
      VALUES ((now() AT TIME ZONE 'UTC'), ${record.actor}, ${record.roles}::text[], ${record.source}, ${record.action}, ${record.target}::text,
        ${record.status}::int, ${record.outcome}::text, ${record.clientAddress}::text, ${record.correlationId}::text)`;
  }

  /** Newest first; `nextCursor` is set when older entries may follow. */
  async list(filter: AuditFilter): Promise<{ items: AuditView[]; nextCursor: string | null }> {
    const rows = await this.db.auditEntry.findMany({
      where: {
        ...(filter.actor ? { actor: filter.actor } : {}),
        ...(filter.action ? { action: filter.action } : {}),
        ...(filter.target ? { target: filter.target } : {}),
        ...(filter.since || filter.until ? { at: { ...(filter.since ? { gte: filter.since } : {}), ...(filter.until ? { lt: filter.until } : {}) } } : {}),
        ...(filter.before !== undefined ? { id: { lt: filter.before } } : {}),
      },
      orderBy: { id: 'desc' },
      take: filter.limit + 1,
    });
    const page = rows.slice(0, filter.limit);
    return {
      items: page.map(({ id, at, ...rest }) => ({ id: id.toString(), at: at.toISOString(), ...rest })),
      nextCursor: rows.length > filter.limit ? (page[page.length - 1]?.id.toString() ?? null) : null,
    };
  }
}
