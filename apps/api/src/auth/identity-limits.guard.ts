import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ERROR_CODES } from '@soar/contracts';
import type { ApiConfig } from '../api.config';
import { AppError } from '../errors/app-error';
import { TOKENS } from '../tokens';
import type { IdentityLimits } from './identity-limits';
import { principalOf } from './principal';
import { accessOf, routeIdOf } from './route-ids';

/**
 * Per-identity limits, after authorization (so a refused request costs nothing and a limited write
 * is still audited): `API_RATE_LIMIT_PER_MINUTE` requests, and `RUN_STARTS_PER_MINUTE` run starts,
 * each answered 429 with Retry-After beyond. Not limited: public routes, alert intake (dropping
 * alerts is worse than a busy minute; intake has its own caps) and local mode's single operator.
 */
@Injectable()
export class IdentityLimitsGuard implements CanActivate {
  constructor(
    @Inject(TOKENS.identityLimits) private readonly limits: IdentityLimits,
    @Inject(TOKENS.config) private readonly config: ApiConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const principal = principalOf(req);
    const id = routeIdOf(req);
    if (!principal || principal.source === 'local' || principal.source === 'intake' || id === null || 'public' in accessOf(id)) return true;
    const identity = `${principal.source}:${principal.actor}`;
    const request = await this.limits.takeRequest(identity);
    if (!request.ok) {
      throw new AppError(ERROR_CODES.tooManyRequests, `${principal.actor} made more than ${this.config.API_RATE_LIMIT_PER_MINUTE} requests this minute (API_RATE_LIMIT_PER_MINUTE)`, undefined, request.retryAfterSeconds);
    }
    if (id === 'startRun') {
      const start = await this.limits.takeRunStart(identity);
      if (!start.ok) {
        throw new AppError(ERROR_CODES.tooManyRequests, `${principal.actor} started ${this.config.RUN_STARTS_PER_MINUTE} runs this minute (RUN_STARTS_PER_MINUTE)`, undefined, start.retryAfterSeconds);
      }
    }
    return true;
  }
}
