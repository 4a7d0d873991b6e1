import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../prisma-client.factory';

export interface StoredApiKey {
  id: string;
  name: string;
  roles: string[];
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

type Row = { id: string; name: string; roles: string[]; createdBy: string; createdAt: Date; expiresAt: Date | null; lastUsedAt: Date | null; revokedAt: Date | null };

const toView = (row: Row): StoredApiKey => ({
  id: row.id,
  name: row.name,
  roles: row.roles,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt?.toISOString() ?? null,
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

const hashKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');
/** lastUsedAt is written at most this often per key, so authentication is not a write per request. */
const LAST_USED_GRANULARITY_MS = 60_000;
/** Stored keys carry a prefix so a leaked one is recognisable (secret scanners, logs). */
export const STORED_KEY_PREFIX = 'soar_';

/**
 * API keys created by admins. Only the SHA-256 of a key is stored: the key is 32 random bytes, so
 * (unlike a password) it cannot be guessed from a dictionary and a slow hash would add nothing;
 * lookup by hash is an index hit, so no comparison loop leaks timing about other keys.
 */
export class ApiKeyRepository {
  constructor(private readonly db: Db) {}

  /** Creates a key; returns it once with its record. Null when the name is taken. */
  async create(request: { name: string; roles: string[]; expiresAt: Date | null; createdBy: string }): Promise<{ key: string; record: StoredApiKey } | null> {
    const key = `${STORED_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    try {
      const row = await this.db.apiKey.create({
        data: { id: randomUUID(), name: request.name, roles: request.roles, keyHash: hashKey(key), createdBy: request.createdBy, expiresAt: request.expiresAt },
      });
      return { key, record: toView(row) };
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002') return null;
      throw error;
    }
  }

  list(): Promise<StoredApiKey[]> {
    return this.db.apiKey.findMany({ orderBy: { createdAt: 'desc' } }).then((rows) => rows.map(toView));
  }

  /** Sets revokedAt once (a repeat keeps the first time); null when no such key. */
  async revoke(id: string): Promise<StoredApiKey | null> {
    await this.db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    const row = await this.db.apiKey.findUnique({ where: { id } });
    return row ? toView(row) : null;
  }

  /** The live key (not expired, not revoked) `key` is, recording its use; null otherwise. */
  async authenticate(key: string, now = new Date()): Promise<{ id: string; name: string; roles: string[] } | null> {
    const row = await this.db.apiKey.findUnique({ where: { keyHash: hashKey(key) } });
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
      await this.db.apiKey.updateMany({ where: { id: row.id }, data: { lastUsedAt: now } });
    }
    return { id: row.id, name: row.name, roles: row.roles };
  }
}
