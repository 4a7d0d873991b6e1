import type { Db } from '../prisma-client.factory';

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

  async append(record: AuditRecord): Promise<void> {
    await this.db.auditEntry.create({ data: record });
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
