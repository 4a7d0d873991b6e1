import { resolveConnectionConfig, type DefenderConnectionConfig, type ResolvedConnection } from './defender-connection.config';
import { silentLogger, type DefenderLogger } from './defender.logger';
import { DefenderTokenProvider, type DefenderTokenSource } from './defender-token.provider';
import { DefenderHttp, type DefenderCallLimiter, type DefenderRequest } from './http/defender-http';
import type { Alert, AlertPatch, ListOptions, Machine, MachineAction } from './defender.types';
import { seg } from './odata';
import { DEFENDER_PERMISSIONS as P } from '@soar/contracts';

export interface DefenderClientDeps {
  /** Token source; default a DefenderTokenProvider for `config` (its own msal-node cache). */
  tokens?: DefenderTokenSource;
  /** Reserves a slot per call (see DefenderRateLimiter); default none. */
  rateLimiter?: DefenderCallLimiter;
  logger?: DefenderLogger;
}

/**
 * Typed calls to the Defender for Endpoint API for one connection. Every method makes real HTTP
 * calls and throws DefenderApiError (or a RATE_LIMITED ActionError) classified for the engine.
 * Parameter and field names are Defender's (camelCase); action handlers map snake_case params.
 */
export class DefenderClient {
  readonly connection: ResolvedConnection;
  readonly tokens: DefenderTokenSource;
  protected readonly http: DefenderHttp;

  constructor(config: DefenderConnectionConfig, deps: DefenderClientDeps = {}) {
    this.connection = resolveConnectionConfig(config);
    const logger = deps.logger ?? silentLogger;
    this.tokens = deps.tokens ?? new DefenderTokenProvider(config, { logger });
    this.http = new DefenderHttp(this.connection, this.tokens, deps.rateLimiter, logger);
  }

  get name(): string {
    return this.connection.name;
  }

  // ---- Alerts ---------------------------------------------------------------------------------

  /** `GET /api/alerts/{id}`; `expandEvidence` adds `$expand=evidence`. */
  getAlert(id: string, options: { expandEvidence?: boolean } = {}): Promise<Alert> {
    return this.get(`/api/alerts/${seg(id)}`, 'GET /api/alerts/{id}', P.alertRead, {
      $expand: options.expandEvidence ? 'evidence' : undefined,
    });
  }

  /** `PATCH /api/alerts/{id}`; omitted fields keep their value, `comment` is appended. */
  updateAlert(id: string, patch: AlertPatch): Promise<Alert> {
    return this.call({
      method: 'PATCH',
      path: `/api/alerts/${seg(id)}`,
      operation: 'PATCH /api/alerts/{id}',
      permissions: P.alertWrite,
      body: definedOnly(patch),
    });
  }

  // ---- Machines -------------------------------------------------------------------------------

  /** `GET /api/machines/{id}`: accepts the machine id or its computer DNS name. */
  getMachine(idOrDnsName: string): Promise<Machine> {
    return this.get(`/api/machines/${seg(idOrDnsName)}`, 'GET /api/machines/{id}', P.machineRead);
  }

  // ---- Machine actions ------------------------------------------------------------------------

  /** `POST /api/machines/{id}/isolate` → the new MachineAction (usually `Pending`). */
  isolateMachine(id: string, body: { comment: string; isolationType: 'Full' | 'Selective' | 'UnManagedDevice' }): Promise<MachineAction> {
    return this.machineAction(id, 'isolate', P.isolate, { Comment: body.comment, IsolationType: body.isolationType });
  }

  /** `GET /api/machineactions/{id}`. */
  async getMachineAction(id: string): Promise<MachineAction> {
    return normalizeMachineAction(
      await this.get<MachineAction>(`/api/machineactions/${seg(id)}`, 'GET /api/machineactions/{id}', P.machineRead),
    );
  }

  /** `GET /api/machineactions` with OData options, following nextLink (see ListOptions.limit). */
  async listMachineActions(options: ListOptions = {}): Promise<MachineAction[]> {
    const items = await this.list<MachineAction>('/api/machineactions', 'GET /api/machineactions', P.machineRead, options);
    return items.map(normalizeMachineAction);
  }

  // ---- plumbing -------------------------------------------------------------------------------

  protected call<T>(req: DefenderRequest): Promise<T> {
    return this.http.send<T>(req);
  }

  protected get<T>(path: string, operation: string, permissions: readonly string[], query?: DefenderRequest['query'], group?: DefenderRequest['group']): Promise<T> {
    return this.http.send<T>({ method: 'GET', path, operation, permissions, query, group });
  }

  protected list<T>(
    path: string,
    operation: string,
    permissions: readonly string[],
    options: ListOptions & { expand?: string } = {},
    extraQuery: DefenderRequest['query'] = {},
  ): Promise<T[]> {
    const query = { $filter: options.filter, $top: options.top, $skip: options.skip, $expand: options.expand, ...extraQuery };
    return this.http.list<T>({ method: 'GET', path, operation, permissions, query }, options.limit ?? options.top);
  }

  protected async machineAction(machineId: string, verb: string, permissions: readonly string[], body: Record<string, unknown>, group?: DefenderRequest['group']): Promise<MachineAction> {
    const action = await this.call<MachineAction>({
      method: 'POST',
      path: `/api/machines/${seg(machineId)}/${verb}`,
      operation: `POST /api/machines/{id}/${verb}`,
      permissions,
      body,
      group,
    });
    return normalizeMachineAction(action);
  }
}

/** Older responses say `lastUpdateTimeUtc`; current ones `lastUpdateDateTimeUtc` (REFERENCE.md §5.3). Both are kept. */
export function normalizeMachineAction(action: MachineAction): MachineAction {
  const a = action as MachineAction & { lastUpdateTimeUtc?: string | null; lastUpdateDateTimeUtc?: string | null };
  const last = a.lastUpdateDateTimeUtc ?? a.lastUpdateTimeUtc ?? null;
  return { ...a, lastUpdateDateTimeUtc: last, lastUpdateTimeUtc: last };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
