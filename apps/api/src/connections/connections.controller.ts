import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { DEFENDER_CLOUD_NAMES, ERROR_CODES } from '@soar/contracts';
import { ConnectionConfigError, assertConnectionUsable, checkConnection, playbookReadiness, type DefenderConnectionConfig } from '@soar/defender';
import type { ConnectionRepository, ConnectionResolver, PlaybookRepository } from '@soar/persistence';
import { actorOf } from '../auth/actor';
import { AppError } from '../errors/app-error';
import { parseBody } from '../request-body';
import { TOKENS } from '../tokens';

const nameParam = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a connection name is a lowercase slug');
const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });
const connectionBody = z
  .strictObject({
    tenantId: z.string().min(1).max(100),
    clientId: z.string().min(1).max(100),
    clientSecret: z.string().min(1).max(1024).optional(),
    certificatePrivateKeyPem: z.string().min(1).max(16384).optional(),
    cloud: z.enum(DEFENDER_CLOUD_NAMES, { error: `must be one of ${DEFENDER_CLOUD_NAMES.join(', ')}` }).optional(),
    authorityHost: httpsUrl.optional(),
    apiBaseUrl: httpsUrl.optional(),
    scope: z.string().min(1).max(200).optional(),
    knownAuthorities: z.array(z.string().min(1).max(255)).max(10).optional(),
  })
  .refine((b) => (b.clientSecret === undefined) !== (b.certificatePrivateKeyPem === undefined), {
    message: 'give exactly one of clientSecret and certificatePrivateKeyPem',
  });

/**
 * Defender tenant connections (one per tenant a managed security provider serves). Credentials go
 * in and are stored encrypted; they never come out of any route.
 */
@Controller('api/connections')
export class ConnectionsController {
  constructor(
    @Inject(TOKENS.connections) private readonly resolver: ConnectionResolver,
    @Inject(TOKENS.connectionRepository) private readonly repository: ConnectionRepository,
    @Inject(TOKENS.playbooks) private readonly playbooks: PlaybookRepository,
  ) {}

  @Get()
  async list(): Promise<object> {
    const fixed = this.resolver.names().map((name) => ({ name, source: 'environment' }));
    return { items: [...fixed, ...(await this.repository.list())] };
  }

  @Put(':name')
  async save(@Param('name') name: string, @Body() body: unknown, @Req() req: Request): Promise<object> {
    const connection = parseBody(nameParam, name, 'name');
    const b = parseBody(connectionBody, body ?? {});
    if (this.resolver.names().includes(connection)) throw new AppError(ERROR_CODES.conflict, `connection ${connection} is configured in the environment and cannot be changed through the API`);
    if (!this.repository.canStoreCredentials) throw new AppError(ERROR_CODES.conflict, 'set CREDENTIALS_KEY to store connection credentials');
    const config: DefenderConnectionConfig = {
      name: connection,
      tenantId: b.tenantId,
      clientId: b.clientId,
      credential: b.clientSecret ? { kind: 'secret', clientSecret: b.clientSecret } : { kind: 'certificate', privateKeyPem: b.certificatePrivateKeyPem! },
      ...(b.cloud ? { cloud: b.cloud } : {}),
      ...(b.authorityHost ? { authorityHost: b.authorityHost } : {}),
      ...(b.apiBaseUrl ? { apiBaseUrl: b.apiBaseUrl } : {}),
      ...(b.scope ? { scope: b.scope } : {}),
      ...(b.knownAuthorities ? { knownAuthorities: b.knownAuthorities } : {}),
    };
    try {
      assertConnectionUsable(config);
    } catch (error) {
      if (!(error instanceof ConnectionConfigError)) throw error;
      const field = error.detail.startsWith('certificate') ? 'body.certificatePrivateKeyPem' : 'body';
      throw new AppError(ERROR_CODES.validationFailed, error.message, [{ path: field, message: error.detail }]);
    }
    await this.repository.save(config, actorOf(req));
    return { name: connection, tenantId: b.tenantId, clientId: b.clientId, credentialKind: b.clientSecret ? 'secret' : 'certificate', source: 'database' };
  }

  @Delete(':name')
  @HttpCode(204)
  async remove(@Param('name') name: string): Promise<void> {
    if (!(await this.repository.delete(parseBody(nameParam, name, 'name')))) {
      throw new AppError(ERROR_CODES.connectionNotFound, `no stored connection ${name}`);
    }
  }

  /**
   * Acquires a token, calls a cheap read endpoint and reports which actions the granted roles allow
   * (and what is missing), and which playbooks naming this connection can run.
   */
  @Get(':name/check')
  async check(@Param('name') name: string): Promise<object> {
    const connection = parseBody(nameParam, name, 'name');
    let client;
    try {
      client = await this.resolver.get(connection);
    } catch (error) {
      // A connection that exists but cannot be built is reported as such, not as missing.
      if (error instanceof ConnectionConfigError) return misconfigured(connection, error);
      if ((error as { code?: unknown }).code === 'UNKNOWN_CONNECTION') {
        throw new AppError(ERROR_CODES.connectionNotFound, `connection ${connection} is not configured`);
      }
      throw error;
    }
    const result = await checkConnection(client);
    const onThisConnection = (await this.playbooks.list())
      .filter((p) => p.definition.connection === connection)
      .map((p) => ({ name: p.name, version: p.version, enabled: p.enabled, steps: p.definition.steps, on_failure: p.definition.on_failure }));
    // Without a token nothing is known about permissions: no playbook verdicts then.
    return { ...result, playbooks: result.tokenAcquired ? playbookReadiness(onThisConnection, result.actions) : [] };
  }
}

function misconfigured(connection: string, error: ConnectionConfigError): object {
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
