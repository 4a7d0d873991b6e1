import { Inject, Injectable } from '@nestjs/common';
import { ERROR_CODES, type ConnectionBodyDto, type ConnectionCheckDto, type ConnectionListDto, type ConnectionSummaryDto } from '@soar/contracts';
import { assertConnectionUsable, checkConnection, ConnectionConfigError, playbookReadiness, type DefenderConnectionConfig } from '@soar/defender';
import type { DefenderConnectionResolver as ConnectionResolver } from '@soar/defender';
import type { ConnectionRepository, PlaybookRepository } from '@soar/persistence';
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
    @Inject(TOKENS.playbooks) private readonly playbooks: PlaybookRepository,
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
    const config: DefenderConnectionConfig = {
      name,
      tenantId: b.tenantId,
      clientId: b.clientId,
      credential: b.clientSecret ? { kind: 'secret', clientSecret: b.clientSecret } : { kind: 'certificate', privateKeyPem: b.certificatePrivateKeyPem! },
      ...(b.cloud ? { cloud: b.cloud } : {}),
      ...(b.authorityHost ? { authorityHost: b.authorityHost } : {}),
      ...(b.apiBaseUrl ? { apiBaseUrl: b.apiBaseUrl } : {}),
      ...(b.scope ? { scope: b.scope } : {}),
      ...(b.knownAuthorities ? { knownAuthorities: b.knownAuthorities } : {}),
    };
    // Settings that cannot work (a PEM without its certificate, a wrong key) are refused now, not at the first run.
    try {
      assertConnectionUsable(config);
    } catch (error) {
      if (!(error instanceof ConnectionConfigError)) throw error;
      const field = error.detail.startsWith('certificate') ? 'body.certificatePrivateKeyPem' : 'body';
      throw new AppError(ERROR_CODES.validationFailed, error.message, [{ path: field, message: error.detail }]);
    }
    await this.repository.save(config, actor);
    return { name, tenantId: b.tenantId, clientId: b.clientId, credentialKind: b.clientSecret ? 'secret' : 'certificate', source: 'database' };
  }

  async remove(name: string): Promise<void> {
    if (!(await this.repository.delete(name))) throw new AppError(ERROR_CODES.connectionNotFound, `no stored connection ${name}`);
  }

  /**
   * Acquires a token, calls a cheap read endpoint and reports which actions the granted roles allow
   * (and what is missing), and which playbooks naming this connection can run.
   */
  async check(name: string): Promise<ConnectionCheckDto> {
    let client;
    try {
      client = await this.resolver.get(name);
    } catch (error) {
      // A connection that exists but cannot be built is reported as such, not as missing.
      if (error instanceof ConnectionConfigError) return misconfigured(name, error);
      throw new AppError(ERROR_CODES.connectionNotFound, `connection ${name} is not configured`);
    }
    const result = await checkConnection(client);
    const onThisConnection = (await this.playbooks.list())
      .filter((p) => p.definition.connection === name)
      .map((p) => ({ name: p.name, version: p.version, enabled: p.enabled, steps: p.definition.steps, on_failure: p.definition.on_failure }));
    // Without a token nothing is known about permissions: no playbook verdicts then.
    return { ...result, playbooks: result.tokenAcquired ? playbookReadiness(onThisConnection, result.actions) : [] };
  }
}

function misconfigured(connection: string, error: ConnectionConfigError): ConnectionCheckDto {
  return {
    connection,
    ok: false,
    reason: error.message,
    tokenAcquired: false,
    apiReachable: false,
    roles: [],
    actions: [],
    playbooks: [],
    error: { code: error.code, message: error.message },
  };
}
