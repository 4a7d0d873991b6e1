import { createHash } from 'node:crypto';
import type { PlaybookDefinition } from '@soar/playbook';
import { sqlOf, type Db } from './prisma-client.factory';
import { sqlText } from './run-transition.sql';

export interface PlaybookVersionRecord {
  name: string;
  version: number;
  sha256: string;
  savedBy: string;
  savedAt: Date;
  enabled: boolean;
  title: string;
  definition: PlaybookDefinition;
  source: string;
}

export interface SaveResult {
  record: PlaybookVersionRecord;
  /** False when the document was identical to the latest version (saving is then a no-op). */
  created: boolean;
}

export const sha256Of = (source: string): string => createHash('sha256').update(source, 'utf8').digest('hex');

/** Playbooks and their immutable versions. */
export class PlaybookRepository {
  constructor(private readonly db: Db) {}

  /**
   * Stores `source` as the next version of playbook `name`, unless it is identical to the latest.
   * Runs in a serializable-by-lock transaction so two concurrent saves get distinct versions.
   */
  async save(name: string, source: string, definition: PlaybookDefinition, savedBy: string): Promise<SaveResult> {
    const sha256 = sha256Of(source);
    return this.db.$transaction(async (tx) => {
      const playbook = await tx.playbook.upsert({ where: { name }, create: { name }, update: {} });
      // Row lock on the playbook serialises version numbering between concurrent saves.
      await tx.$queryRaw`SELECT id FROM playbooks WHERE id = ${playbook.id}::uuid FOR UPDATE`;
      const latest = await tx.playbookVersion.findFirst({ where: { playbookId: playbook.id }, orderBy: { version: 'desc' } });
      if (latest && latest.sha256 === sha256) {
        return { record: toRecord(name, playbook.enabled, latest), created: false };
      }
      const created = await tx.playbookVersion.create({
        data: {
          playbookId: playbook.id,
          version: (latest?.version ?? 0) + 1,
          source,
          sha256,
          definition: definition as unknown as object,
          savedBy,
        },
      });
      return { record: toRecord(name, playbook.enabled, created), created: true };
    });
  }

  /** One statement: every run start reads it (Prisma's nested read took two and most of a start's CPU). */
  async latest(name: string): Promise<(PlaybookVersionRecord & { versionId: string }) | null> {
    const rows = await sqlText(sqlOf(this.db))<{ enabled: boolean; id: string; version: number; sha256: string; savedBy: string; savedAt: Date; definition: unknown; source: string }>`
      SELECT p.enabled, v.id::text, v.version, v.sha256, v.saved_by AS "savedBy", v.saved_at AT TIME ZONE 'UTC' AS "savedAt", v.definition, v.source
      FROM playbooks p JOIN playbook_versions v ON v.playbook_id = p.id
      WHERE p.name = ${name} ORDER BY v.version DESC LIMIT 1`;
    const row = rows[0];
    return row ? { ...toRecord(name, row.enabled, row), versionId: row.id } : null;
  }

  async getVersion(name: string, version: number): Promise<PlaybookVersionRecord | null> {
    const row = await this.db.playbookVersion.findFirst({ where: { playbook: { name }, version }, include: { playbook: true } });
    return row ? toRecord(name, row.playbook.enabled, row) : null;
  }

  async listVersions(name: string): Promise<Omit<PlaybookVersionRecord, 'definition' | 'source' | 'title'>[] | null> {
    const playbook = await this.db.playbook.findUnique({ where: { name }, include: { versions: { orderBy: { version: 'desc' } } } });
    if (!playbook) return null;
    return playbook.versions.map((v) => ({ name, version: v.version, sha256: v.sha256, savedBy: v.savedBy, savedAt: v.savedAt, enabled: playbook.enabled }));
  }

  async list(): Promise<PlaybookVersionRecord[]> {
    const playbooks = await this.db.playbook.findMany({
      orderBy: { name: 'asc' },
      include: { versions: { orderBy: { version: 'desc' }, take: 1 } },
    });
    return playbooks.filter((p) => p.versions[0]).map((p) => toRecord(p.name, p.enabled, p.versions[0]!));
  }

  async setEnabled(name: string, enabled: boolean): Promise<boolean> {
    const { count } = await this.db.playbook.updateMany({ where: { name }, data: { enabled } });
    return count === 1;
  }
}

function toRecord(
  name: string,
  enabled: boolean,
  v: { version: number; sha256: string; savedBy: string; savedAt: Date; definition: unknown; source: string },
): PlaybookVersionRecord {
  const definition = v.definition as PlaybookDefinition;
  return {
    name,
    enabled,
    version: v.version,
    sha256: v.sha256,
    savedBy: v.savedBy,
    savedAt: v.savedAt,
    title: definition.title,
    definition,
    source: v.source,
  };
}

