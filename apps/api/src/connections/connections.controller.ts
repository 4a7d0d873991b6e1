import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { ERROR_CODES } from '@soar/contracts';
import { checkConnection } from '@soar/defender';
import type { ConnectionRepository, ConnectionResolver } from '@soar/persistence';
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
    authorityHost: httpsUrl.optional(),
    apiBaseUrl: httpsUrl.optional(),
    scope: z.string().min(1).max(200).optional(),
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
    // The credential would be sent to these hosts: only Microsoft's clouds, or what the server allows.
    const problems = (['authorityHost', 'apiBaseUrl'] as const).flatMap((field) => {
      const refused = this.resolver.hostRefusal({ [field]: b[field] });
      return refused ? [{ path: field, message: refused }] : [];
    });
    if (problems.length) throw new AppError(ERROR_CODES.validationFailed, problems.map((p) => p.message).join('; '), problems);
    if (this.resolver.names().includes(connection)) throw new AppError(ERROR_CODES.conflict, `connection ${connection} is configured in the environment and cannot be changed through the API`);
    if (!this.repository.canStoreCredentials) throw new AppError(ERROR_CODES.conflict, 'set CREDENTIALS_KEY to store connection credentials');
    await this.repository.save(
      {
        name: connection,
        tenantId: b.tenantId,
        clientId: b.clientId,
        credential: b.clientSecret ? { kind: 'secret', clientSecret: b.clientSecret } : { kind: 'certificate', privateKeyPem: b.certificatePrivateKeyPem! },
        ...(b.authorityHost ? { authorityHost: b.authorityHost } : {}),
        ...(b.apiBaseUrl ? { apiBaseUrl: b.apiBaseUrl } : {}),
        ...(b.scope ? { scope: b.scope } : {}),
      },
      actorOf(req),
    );
    return { name: connection, tenantId: b.tenantId, clientId: b.clientId, credentialKind: b.clientSecret ? 'secret' : 'certificate', source: 'database' };
  }

  @Delete(':name')
  @HttpCode(204)
  async remove(@Param('name') name: string): Promise<void> {
    if (!(await this.repository.delete(parseBody(nameParam, name, 'name')))) {
      throw new AppError(ERROR_CODES.connectionNotFound, `no stored connection ${name}`);
    }
  }

  /** Acquires a token, calls a cheap read endpoint and reports which actions the granted roles allow. */
  @Get(':name/check')
  async check(@Param('name') name: string): Promise<object> {
    const connection = parseBody(nameParam, name, 'name');
    let client;
    try {
      client = await this.resolver.get(connection);
    } catch {
      throw new AppError(ERROR_CODES.connectionNotFound, `connection ${connection} is not configured`);
    }
    return checkConnection(client);
  }
}
