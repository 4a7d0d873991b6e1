import type { RuntimeConfig } from './config/runtime-config';
import type { SimStore } from './state/store';
import type { ActionOutcomeRules } from './state/action-outcome-rules';
import type { ClientRegistry } from './sts/client-registry';
import type { SigningKey } from './sts/signing-key';

/** Shared state every handler works on. One per running simulator. */
export interface SimContext {
  readonly tenantId: string;
  readonly store: SimStore;
  readonly config: RuntimeConfig;
  readonly clients: ClientRegistry;
  readonly signingKey: SigningKey;
  readonly outcomes: ActionOutcomeRules;
  /** Filled once the HTTPS server listens (the port may be random). */
  readonly urls: { apiBaseUrl: string; authorityHost: string };
  now(): number;
}
