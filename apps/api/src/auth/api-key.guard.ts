import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ERROR_CODES } from '@soar/contracts';
import type { ApiKeyRepository } from '@soar/persistence';
import type { ApiConfig } from '../api.config';
import { AppError } from '../errors/app-error';
import { TOKENS } from '../tokens';
import type { ApiKeyEntry } from './api-keys';
import { bearerOf, looksLikeJwt } from './entra/bearer-token';
import { EntraTokenError, type EntraTokenVerifier } from './entra/entra-token-verifier';
import { ENTRA_VERIFIER } from './entra/entra-verifier.provider';
import { authenticateApiKey } from './key-authenticator';
import { isLocalMode } from './local-mode';
import { LOCAL_PRINCIPAL, principalOf, setPrincipal } from './principal';
import { IS_PUBLIC } from './public.decorator';
import { setUserAssertion } from './user-assertion';

/**
 * Authenticates every route not marked @Public() with `Authorization: Bearer <key>` — a key from
 * `API_KEYS` or a stored key an admin created (expired or revoked: 401) — or, with Entra sign-in
 * configured, `Bearer <Entra access token>`, and sets the request's principal. Guards run before
 * the body is parsed (BodyParsingInterceptor), so an unauthenticated request is answered 401
 * without reading its body. What the principal may do is the RolesGuard's decision, after this one.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: ApiKeyEntry[];
  private readonly localMode: boolean;

  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKENS.config) config: ApiConfig,
    @Inject(TOKENS.apiKeys) private readonly stored: ApiKeyRepository,
    @Inject(ENTRA_VERIFIER) private readonly entra: EntraTokenVerifier | null,
  ) {
    this.keys = config.API_KEYS;
    this.localMode = isLocalMode(config);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    // Alert intake authenticates its own way (a signature over the body) before the guard runs.
    if (principalOf(req)?.source === 'intake') return true;
    if (this.localMode) {
      setPrincipal(req, LOCAL_PRINCIPAL);
      return true;
    }
    const bearer = bearerOf(req.headers.authorization);
    if (!(this.entra && bearer && looksLikeJwt(bearer))) {
      const principal = await authenticateApiKey(this.keys, this.stored, req.headers.authorization);
      if (principal !== null) {
        setPrincipal(req, principal);
        return true;
      }
    }
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (this.entra && bearer && looksLikeJwt(bearer)) {
      try {
        const user = await this.entra.verify(bearer);
        setPrincipal(req, { actor: user.actor, roles: user.roles, groups: user.groups, source: 'entra' });
        setUserAssertion(req, bearer);
        return true;
      } catch (error) {
        if (!(error instanceof EntraTokenError)) throw error;
        if (!isPublic) this.refuse(context, error.message);
      }
    }
    if (isPublic) return true;
    return this.refuse(context, this.entra ? 'send a valid API key or Entra access token as Authorization: Bearer <token>' : 'send a valid API key as Authorization: Bearer <key>');
  }

  private refuse(context: ExecutionContext, message: string): never {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader('www-authenticate', 'Bearer');
    // An unread body is not drained for an anonymous caller: the connection closes after the 401.
    if (req.headers['content-length'] || req.headers['transfer-encoding']) res.setHeader('connection', 'close');
    throw new AppError(ERROR_CODES.unauthorized, message);
  }
}
