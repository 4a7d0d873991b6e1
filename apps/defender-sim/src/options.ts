import { ALL_ROLES } from './auth/roles';
import type { EndpointGroup, GroupLimit } from './rate-limit/endpoint-groups';
import type { ConflictMode } from './config/runtime-config';
import type { SoarAppRegistrations } from './sts/user-sign-in/soar-apps';

export interface SimClient {
  clientId: string;
  clientSecret?: string;
  /** Public certificate (PEM) whose key signs client assertions. */
  certificatePem?: string;
  roles: string[];
  /**
   * Delegated Defender permissions (REFERENCE §1.4) the registration is consented to; put in the
   * `scp` of tokens it gets On-Behalf-Of a user. Default: every delegated permission (DELEGATED_SCOPES).
   */
  delegatedScopes?: string[];
  /** Shown as `requestor` on machine actions; defaults to the client id. */
  displayName?: string;
}

export type RateLimitOption = boolean | Partial<Record<EndpointGroup, GroupLimit>>;

export interface SimulatorOptions {
  /** HTTPS port for STS + API; 0 = random. Default 0. */
  port?: number;
  /** Plain HTTP control API on 127.0.0.1; 0 = random. Default 0. */
  controlPort?: number;
  /** Where the TLS certificate lives. Default `<repo>/.sim-state`. */
  certDir?: string;
  /** Load the seed tenant. Default true. */
  seed?: boolean;
  /** Base time of the seed's relative timestamps (ms or ISO). Default: start time. */
  seedBaseTime?: number | string;
  /** Default '11111111-1111-1111-1111-111111111111'. */
  tenantId?: string;
  /** Default: one client with every role (SIM_DEFAULTS). */
  clients?: SimClient[];
  /** Pending/InProgress durations of new machine actions. Default { pendingMs: 200, inProgressMs: 300 }. */
  actionSchedule?: { pendingMs: number; inProgressMs: number };
  /** true = REFERENCE §9.2 limits (default), false = off, or per-group overrides. */
  rateLimits?: RateLimitOption;
  /** Added to every API response. Default 0. */
  latencyMs?: number;
  /** Access token lifetime. Default 3599. */
  tokenLifetimeSeconds?: number;
  /** Duplicate action while one is active: 400 ActiveRequestAlreadyExists (default) or the existing action. */
  conflictMode?: ConflictMode;
  /** Server page size for collections (nextLink beyond it). Default 10000. */
  pageSize?: number;
  /** The SOAR API and console app registrations for user sign-in. Default DEFAULT_SOAR_APPS. */
  soarApps?: SoarAppRegistrations;
  /** Generate a new alert every N ms. Default off. */
  alertGenerator?: { everyMs: number; template?: string };
}

export interface RunningSimulator {
  /** 'https://localhost:<port>' */
  apiBaseUrl: string;
  /** 'localhost:<port>' (for msal knownAuthorities) */
  authorityHost: string;
  /** 'https://localhost:<port>/<tenantId>' */
  authority: string;
  /** 'http://127.0.0.1:<controlPort>' */
  controlUrl: string;
  tenantId: string;
  certPath: string;
  defaultClient: { clientId: string; clientSecret: string };
  /** The SOAR API (audience of user tokens, confidential client for On-Behalf-Of) and console registrations. */
  soarApps: SoarAppRegistrations & { apiScope: string };
  /** 'https://login.microsoftonline.com/<tenantId>/v2.0', the `iss` of user tokens. */
  userTokenIssuer: string;
  close(): Promise<void>;
}

export const SIM_DEFAULTS = {
  tenantId: '11111111-1111-1111-1111-111111111111',
  clientId: '22222222-2222-2222-2222-222222222222',
  clientSecret: 'sim-client-secret',
  clientDisplayName: 'SOAR Simulator Client',
  roles: ALL_ROLES,
  actionSchedule: { pendingMs: 200, inProgressMs: 300 },
  tokenLifetimeSeconds: 3599,
  pageSize: 10_000,
  standalonePort: 8443,
  standaloneControlPort: 8444,
} as const;
