import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ERROR_CODES } from '@soar/contracts';
import type { ApiConfig } from '../api.config';
import { AppError } from '../errors/app-error';
import { TOKENS } from '../tokens';
import { matchApiKeyEntry, type ApiKeyEntry } from './api-keys';
import { LOCAL_PRINCIPAL, principalOf, setPrincipal } from './principal';
import { IS_PUBLIC } from './public.decorator';

/**
 * Authenticates every route not marked @Public() with `Authorization: Bearer <key>` and sets the
 * request's principal. Guards run before the body is parsed (BodyParsingInterceptor), so an
 * unauthenticated request is answered 401 without reading its body. Keys are compared as SHA-256
 * digests (same length whatever was sent) with timingSafeEqual, against every entry (no early exit).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: ApiKeyEntry[];

  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKENS.config) config: ApiConfig,
  ) {
    this.keys = config.API_KEYS;
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    // Alert intake authenticates its own way (a signature over the body) before the guard runs.
    if (principalOf(req)?.source === 'intake') return true;
    if (this.keys.length === 0) {
      setPrincipal(req, LOCAL_PRINCIPAL);
      return true;
    }
    const key = matchApiKeyEntry(this.keys, req.headers.authorization);
    if (key !== null) {
      setPrincipal(req, { actor: key.name, roles: key.roles, source: 'api-key' });
      return true;
    }
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader('www-authenticate', 'Bearer');
    // An unread body is not drained for an anonymous caller: the connection closes after the 401.
    if (req.headers['content-length'] || req.headers['transfer-encoding']) res.setHeader('connection', 'close');
    throw new AppError(ERROR_CODES.unauthorized, 'send a valid API key as Authorization: Bearer <key>');
  }
}
