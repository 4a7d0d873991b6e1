import type { RuntimeConfig } from './config/runtime-config';
import type { SimStore } from './state/store';
import type { ActionOutcomeRules } from './state/action-outcome-rules';
import type { ClientRegistry } from './sts/client-registry';
import type { SigningKey } from './sts/signing-key';
import type { SoarAppRegistrations } from './sts/user-sign-in/soar-apps';
import type { UserSessionStore } from './sts/user-sign-in/user-sessions';

/** Shared state every handler works on. One per running simulator. */
export interface SimContext {
  readonly tenantId: string;
  readonly store: SimStore;
  readonly config: RuntimeConfig;
  readonly clients: ClientRegistry;
  readonly signingKey: SigningKey;
  readonly outcomes: ActionOutcomeRules;
  /** The SOAR API and console app registrations users sign in to. */
  readonly soarApps: SoarAppRegistrations;
  readonly userSessions: UserSessionStore;
  /** Filled once the HTTPS server listens (the port may be random). */
  readonly urls: { apiBaseUrl: string; authorityHost: string };
  now(): number;
}
