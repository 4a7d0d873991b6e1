import { Inject, Injectable } from '@nestjs/common';
import { ERROR_CODES, type ConnectionBodyDto, type ConnectionCheckDto, type ConnectionListDto, type ConnectionSummaryDto } from '@soar/contracts';
import { checkConnection } from '@soar/defender';
import type { ConnectionRepository, ConnectionResolver } from '@soar/persistence';
import { AppError } from '../errors/app-error';
import { TOKENS } from '../tokens';

/**
 * Defender tenant connections (one per tenant a managed security provider serves). Credentials go
 * in and are stored encrypted; they never come out of any route.
 */
@Injectable()
export class ConnectionsService {
  constructor(
    @Inject(TOKENS.connections) private readonly resolver: ConnectionResolver,
    @Inject(TOKENS.connectionRepository) private readonly repository: ConnectionRepository,
  ) {}

  async list(): Promise<ConnectionListDto> {
    const fixed = this.resolver.names().map((name) => ({ name, source: 'environment' as const }));
    return { items: [...fixed, ...(await this.repository.list())] };
  }

  async save(name: string, b: ConnectionBodyDto, actor: string): Promise<ConnectionSummaryDto> {
    // The credential would be sent to these hosts: only Microsoft's clouds, or what the server allows.
    const problems = (['authorityHost', 'apiBaseUrl'] as const).flatMap((field) => {
      const refused = this.resolver.hostRefusal({ [field]: b[field] });
      return refused ? [{ path: field, message: refused }] : [];
    });
    if (problems.length) throw new AppError(ERROR_CODES.validationFailed, problems.map((p) => p.message).join('; '), problems);
    if (this.resolver.names().includes(name)) throw new AppError(ERROR_CODES.conflict, `connection ${name} is configured in the environment and cannot be changed through the API`);
    if (!this.repository.canStoreCredentials) throw new AppError(ERROR_CODES.conflict, 'set CREDENTIALS_KEY to store connection credentials');
    await this.repository.save(
      {
        name,
        tenantId: b.tenantId,
        clientId: b.clientId,
        credential: b.clientSecret ? { kind: 'secret', clientSecret: b.clientSecret } : { kind: 'certificate', privateKeyPem: b.certificatePrivateKeyPem! },
        ...(b.authorityHost ? { authorityHost: b.authorityHost } : {}),
        ...(b.apiBaseUrl ? { apiBaseUrl: b.apiBaseUrl } : {}),
        ...(b.scope ? { scope: b.scope } : {}),
      },
      actor,
    );
    return { name, tenantId: b.tenantId, clientId: b.clientId, credentialKind: b.clientSecret ? 'secret' : 'certificate', source: 'database' };
  }

  async remove(name: string): Promise<void> {
    if (!(await this.repository.delete(name))) throw new AppError(ERROR_CODES.connectionNotFound, `no stored connection ${name}`);
  }

  /** Acquires a token, calls a cheap read endpoint and reports which actions the granted roles allow. */
  async check(name: string): Promise<ConnectionCheckDto> {
    let client;
    try {
      client = await this.resolver.get(name);
    } catch {
      throw new AppError(ERROR_CODES.connectionNotFound, `connection ${name} is not configured`);
    }
    return checkConnection(client);
  }
}
