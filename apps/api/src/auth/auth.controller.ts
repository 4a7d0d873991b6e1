import { Controller, Get, Inject } from '@nestjs/common';
import type { AuthConfigDto, MeDto } from '@soar/contracts';
import type { ApiConfig } from '../api.config';
import { TOKENS } from '../tokens';
import { authModeOf } from './auth-mode';
import { entraSettings } from './entra/entra.config';
import { CurrentPrincipal, type Principal } from './principal';
import { Public } from './public.decorator';

/** The caller's identity, and how a client (the console, the CLI) should sign in. */
@Controller('api')
export class AuthController {
  private readonly authConfig: AuthConfigDto;

  constructor(@Inject(TOKENS.config) config: ApiConfig) {
    const entra = entraSettings(config);
    this.authConfig = {
      mode: authModeOf(config),
      ...(entra ? { entra: { authority: entra.authority, tenantId: entra.tenantId, clientId: entra.consoleClientId, apiScope: entra.apiScope } } : {}),
    };
  }

  @Get('me')
  me(@CurrentPrincipal() principal: Principal): MeDto {
    return { actor: principal.actor, roles: principal.roles, source: principal.source };
  }

  /** Public: the console reads it before anyone signs in. Every value in it is public anyway. */
  @Get('auth/config')
  @Public()
  config(): AuthConfigDto {
    return this.authConfig;
  }
}
