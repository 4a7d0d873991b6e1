import type { DefenderCloud } from '@soar/contracts';
import type { DefenderConnectionConfig } from '@soar/defender';
import type { Db } from '../prisma-client.factory';
import type { CredentialCipher } from './credential-cipher';

/** What the API shows of a connection: never a credential. */
export interface ConnectionSummary {
  name: string;
  tenantId: string;
  clientId: string;
  credentialKind: 'secret' | 'certificate';
  authorityHost: string | null;
  apiBaseUrl: string | null;
  scope: string | null;
  cloud: DefenderCloud | null;
  knownAuthorities: string[];
  source: 'environment' | 'database';
  updatedBy?: string;
  updatedAt?: string;
}

/** Connections added through the API, their credentials encrypted at rest. */
export class ConnectionRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: CredentialCipher | null,
  ) {}

  get canStoreCredentials(): boolean {
    return this.cipher !== null;
  }

  async save(config: DefenderConnectionConfig, updatedBy: string): Promise<void> {
    if (!this.cipher) throw new Error('CREDENTIALS_KEY is not configured');
    const credential = this.cipher.encrypt(JSON.stringify(config.credential), config.name);
    const data = {
      tenantId: config.tenantId,
      clientId: config.clientId,
      authorityHost: config.authorityHost ?? null,
      apiBaseUrl: config.apiBaseUrl ?? null,
      scope: config.scope ?? null,
      cloud: config.cloud ?? null,
      knownAuthorities: config.knownAuthorities ?? [],
      credentialKind: config.credential.kind,
      credentialCiphertext: credential,
      updatedBy,
    };
    await this.db.defenderConnection.upsert({ where: { name: config.name }, create: { name: config.name, ...data }, update: data });
  }

  async delete(name: string): Promise<boolean> {
    const { count } = await this.db.defenderConnection.deleteMany({ where: { name } });
    return count === 1;
  }

  async list(): Promise<ConnectionSummary[]> {
    const rows = await this.db.defenderConnection.findMany({ orderBy: { name: 'asc' } });
    return rows.map((r) => ({
      name: r.name,
      tenantId: r.tenantId,
      clientId: r.clientId,
      credentialKind: r.credentialKind as ConnectionSummary['credentialKind'],
      authorityHost: r.authorityHost,
      apiBaseUrl: r.apiBaseUrl,
      scope: r.scope,
      cloud: r.cloud as DefenderCloud | null,
      knownAuthorities: r.knownAuthorities,
      source: 'database' as const,
      updatedBy: r.updatedBy,
      updatedAt: r.updatedAt.toISOString(),
    }));
  }

  /** The full configuration with the decrypted credential, for building a client; null if absent. */
  async load(name: string): Promise<{ config: DefenderConnectionConfig; version: string } | null> {
    const row = await this.db.defenderConnection.findUnique({ where: { name } });
    if (!row) return null;
    if (!this.cipher) throw new Error(`connection ${name} is stored encrypted but CREDENTIALS_KEY is not configured`);
    const credential = JSON.parse(this.cipher.decrypt(row.credentialCiphertext, row.name)) as DefenderConnectionConfig['credential'];
    return {
      version: row.updatedAt.toISOString(),
      config: {
        name: row.name,
        tenantId: row.tenantId,
        clientId: row.clientId,
        credential,
        ...(row.authorityHost ? { authorityHost: row.authorityHost } : {}),
        ...(row.apiBaseUrl ? { apiBaseUrl: row.apiBaseUrl } : {}),
        ...(row.scope ? { scope: row.scope } : {}),
        ...(row.cloud ? { cloud: row.cloud as DefenderCloud } : {}),
        ...(row.knownAuthorities.length > 0 ? { knownAuthorities: row.knownAuthorities } : {}),
      },
    };
  }
}
