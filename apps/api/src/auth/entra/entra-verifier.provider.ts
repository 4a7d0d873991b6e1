import type { Provider } from '@nestjs/common';
import type { ApiConfig } from '../../api.config';
import { TOKENS } from '../../tokens';
import { entraSettings } from './entra.config';
import { EntraTokenVerifier } from './entra-token-verifier';

/** Injection token of the Entra access-token verifier: null while Entra sign-in is not configured. */
export const ENTRA_VERIFIER = 'ENTRA_TOKEN_VERIFIER';

export const entraVerifierProvider: Provider = {
  provide: ENTRA_VERIFIER,
  inject: [TOKENS.config],
  useFactory: (config: ApiConfig): EntraTokenVerifier | null => {
    const settings = entraSettings(config);
    return settings ? new EntraTokenVerifier(settings) : null;
  },
};
