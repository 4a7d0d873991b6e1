import { resolveConnectionConfig, type DefenderConnectionConfig } from '../defender-connection.config';
import { silentLogger } from '../defender.logger';
import { DefenderTokenProvider } from '../defender-token.provider';
import { DefenderHttp } from '../http/defender-http';
import type { DefenderClientDeps } from '../defender.client';
import type { ListOptions } from '../defender.types';

export const GRAPH_PERMISSIONS = {
  alertRead: ['SecurityAlert.Read.All', 'SecurityAlert.ReadWrite.All'],
  hunting: ['ThreatHunting.Read.All'],
} as const;

/**
 * Microsoft Graph's host for a connection: `graphBaseUrl` when given; the public or US Gov Graph
 * for Microsoft's Defender hosts; otherwise the Defender base itself (the simulator serves both).
 */
export function graphBaseUrlOf(config: DefenderConnectionConfig): string {
  if (config.graphBaseUrl) return config.graphBaseUrl.replace(/\/+$/, '');
  const api = new URL(config.apiBaseUrl ?? 'https://api.securitycenter.microsoft.com');
  if (api.hostname.endsWith('.microsoft.us')) return 'https://graph.microsoft.us';
  if (api.hostname.endsWith('.microsoft.com')) return 'https://graph.microsoft.com';
  return api.origin;
}

/**
 * Microsoft Graph security calls for one connection: the same Entra application, a token for the
 * Graph resource (its own msal-node cache), the same HTTP error mapping and rate limiter.
 */
export class GraphSecurityClient {
  private readonly http: DefenderHttp;

  constructor(config: DefenderConnectionConfig, deps: DefenderClientDeps = {}) {
    const base = graphBaseUrlOf(config);
    const graphConfig: DefenderConnectionConfig = { ...config, apiBaseUrl: base, scope: `${new URL(base).hostname.startsWith('graph.') ? base : 'https://graph.microsoft.com'}/.default` };
    const logger = deps.logger ?? silentLogger;
    const tokens = new DefenderTokenProvider(graphConfig, { logger });
    this.http = new DefenderHttp(resolveConnectionConfig(graphConfig), tokens, deps.rateLimiter, logger);
  }

  /** `GET /v1.0/security/alerts_v2` with OData options, following @odata.nextLink. */
  listAlerts(options: ListOptions = {}): Promise<Record<string, unknown>[]> {
    const query = { $filter: options.filter, $top: options.top, $skip: options.skip };
    return this.http.list({ method: 'GET', path: '/v1.0/security/alerts_v2', operation: 'GET /security/alerts_v2', permissions: GRAPH_PERMISSIONS.alertRead, query }, options.limit ?? options.top);
  }

  /** `POST /v1.0/security/runHuntingQuery`: KQL, answered as `{ schema, results }`. */
  runHuntingQuery(query: string): Promise<{ schema?: { name: string; type: string }[]; results?: Record<string, unknown>[] }> {
    return this.http.send({ method: 'POST', path: '/v1.0/security/runHuntingQuery', operation: 'POST /security/runHuntingQuery', permissions: GRAPH_PERMISSIONS.hunting, group: 'hunting', body: { Query: query } });
  }
}
