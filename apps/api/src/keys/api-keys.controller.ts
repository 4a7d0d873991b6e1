import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  apiKeyIdSchema,
  createApiKeyBodySchema,
  ERROR_CODES,
  type ApiKeyListDto,
  type ApiKeySummaryDto,
  type CreateApiKeyBodyDto,
  type CreatedApiKeyDto,
} from '@soar/contracts';
import type { ApiKeyRepository } from '@soar/persistence';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { AcceptsBody } from '../http/accepts-body.decorator';
import { body, param } from '../http/zod.pipe';
import { TOKENS } from '../tokens';

/** API keys for automation, managed by admins (ROUTE_POLICY): shown once, stored as a hash, revocable, expiring. */
@Controller('api/keys')
export class ApiKeysController {
  constructor(@Inject(TOKENS.apiKeys) private readonly keys: ApiKeyRepository) {}

  @Post()
  @HttpCode(201)
  @AcceptsBody('json')
  async create(@Body(body(createApiKeyBodySchema)) request: CreateApiKeyBodyDto, @CurrentPrincipal() principal: Principal): Promise<CreatedApiKeyDto> {
    const expiresAt = request.expiresAt ? new Date(request.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw new AppError(ERROR_CODES.validationFailed, 'expiresAt is in the past', [{ path: 'body.expiresAt', message: 'give a time in the future' }]);
    }
    const created = await this.keys.create({ name: request.name, roles: request.roles, expiresAt, createdBy: principal.actor });
    if (!created) throw new AppError(ERROR_CODES.conflict, `an API key named ${request.name} exists (names are unique, revoked keys included)`);
    return { ...created.record, key: created.key };
  }

  @Get()
  async list(): Promise<ApiKeyListDto> {
    return { items: await this.keys.list() };
  }

  @Delete(':id')
  async revoke(@Param('id', param(apiKeyIdSchema, 'id')) id: string): Promise<ApiKeySummaryDto> {
    const revoked = await this.keys.revoke(id);
    if (!revoked) throw new AppError(ERROR_CODES.apiKeyNotFound, `API key ${id} does not exist`);
    return revoked;
  }
}
