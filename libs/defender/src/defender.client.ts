import { resolveConnectionConfig, type DefenderConnectionConfig, type ResolvedConnection } from './defender-connection.config';
import { silentLogger, type DefenderLogger } from './defender.logger';
import { DefenderTokenProvider, type DefenderTokenSource } from './defender-token.provider';
import { DefenderHttp, type DefenderCallLimiter, type DefenderRequest } from './http/defender-http';
import { isIP } from 'node:net';
import { DEFENDER_ERROR_CODES } from '@soar/contracts';
import { DefenderApiError } from './defender-api.error';
import type {
  Alert,
  AlertPatch,
  DefenderFile,
  DefenderUser,
  DomainStats,
  FileStats,
  HuntingResult,
  Indicator,
  IndicatorBody,
  IndicatorImportResult,
  IpStats,
  ListOptions,
  LiveResponseCommand,
  Machine,
  MachineAction,
  Software,
  Vulnerability,
} from './defender.types';
import { findMachineByHostname } from './find-machine-by-hostname';
import { seg } from './odata';
import { GraphSecurityClient } from './graph/graph-security.client';
import { OnBehalfOfExchange } from './delegated/on-behalf-of.exchange';
import { DEFENDER_PERMISSIONS as P } from './actions/defender-permissions';

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
  private graphClient?: GraphSecurityClient;

  constructor(
    private readonly config: DefenderConnectionConfig,
    private readonly deps: DefenderClientDeps = {},
  ) {
    this.connection = resolveConnectionConfig(config);
    const logger = deps.logger ?? silentLogger;
    this.tokens = deps.tokens ?? new DefenderTokenProvider(config, { logger });
    this.http = new DefenderHttp(this.connection, this.tokens, deps.rateLimiter, logger);
  }

  get name(): string {
    return this.connection.name;
  }

  /** The same connection with other tokens (a person's delegated token, `run_as`); same limiter. */
  withTokens(tokens: DefenderTokenSource): DefenderClient {
    return new DefenderClient(this.config, { ...this.deps, tokens });
  }

  /**
   * Exchanges a person's sign-in for delegated tokens of this connection's Defender (tenant, sign-in
   * host, scope), On-Behalf-Of them, as `app`: the confidential client their sign-in was issued to
   * (the SOAR API's app registration; default this connection's own application).
   */
  onBehalfOf(app?: { clientId: string; clientSecret: string }): OnBehalfOfExchange {
    return new OnBehalfOfExchange(app ? { ...this.config, clientId: app.clientId, credential: { kind: 'secret', clientSecret: app.clientSecret } } : this.config);
  }

  /** Microsoft Graph security calls (alerts_v2, runHuntingQuery) with this connection's application. */
  graph(): GraphSecurityClient {
    this.graphClient ??= new GraphSecurityClient(this.config, { rateLimiter: this.deps.rateLimiter, logger: this.deps.logger });
    return this.graphClient;
  }

  // ---- Alerts ---------------------------------------------------------------------------------

  /** `GET /api/alerts` with OData options (and `$expand=evidence`), following nextLink. */
  listAlerts(options: ListOptions & { expandEvidence?: boolean } = {}): Promise<Alert[]> {
    return this.list('/api/alerts', 'GET /api/alerts', P.alertRead.app, { ...options, expand: options.expandEvidence ? 'evidence' : undefined });
  }

  /** `GET /api/alerts/{id}`; `expandEvidence` adds `$expand=evidence`. */
  getAlert(id: string, options: { expandEvidence?: boolean } = {}): Promise<Alert> {
    return this.get(`/api/alerts/${seg(id)}`, 'GET /api/alerts/{id}', P.alertRead.app, {
      $expand: options.expandEvidence ? 'evidence' : undefined,
    });
  }

  /** `PATCH /api/alerts/{id}`; omitted fields keep their value, `comment` is appended. */
  updateAlert(id: string, patch: AlertPatch): Promise<Alert> {
    return this.send({ method: 'PATCH', path: `/api/alerts/${seg(id)}`, operation: 'PATCH /api/alerts/{id}', permissions: P.alertWrite.app, body: definedOnly(patch) });
  }

  /** `POST /api/alerts/batchUpdate` (10 calls/min, 500/h); Defender answers with an empty body. */
  async batchUpdateAlerts(alertIds: string[], patch: AlertPatch): Promise<void> {
    await this.send({
      method: 'POST',
      path: '/api/alerts/batchUpdate',
      operation: 'POST /api/alerts/batchUpdate',
      permissions: P.alertWrite.app,
      group: 'alertBatchUpdate',
      body: { alertIds, ...definedOnly(patch) },
    });
  }

  getAlertMachine(alertId: string): Promise<Machine> {
    return this.get(`/api/alerts/${seg(alertId)}/machine`, 'GET /api/alerts/{id}/machine', P.machineRead.app);
  }

  getAlertUser(alertId: string): Promise<DefenderUser> {
    return this.get(`/api/alerts/${seg(alertId)}/user`, 'GET /api/alerts/{id}/user', P.userRead.app);
  }

  listAlertFiles(alertId: string): Promise<DefenderFile[]> {
    return this.list(`/api/alerts/${seg(alertId)}/files`, 'GET /api/alerts/{id}/files', P.fileRead.app);
  }

  /** Related IP addresses (Defender returns `{ id: "<ip>" }` items). */
  async listAlertIps(alertId: string): Promise<string[]> {
    const items = await this.list<{ id: string }>(`/api/alerts/${seg(alertId)}/ips`, 'GET /api/alerts/{id}/ips', P.ipRead.app);
    return items.map((i) => i.id);
  }

  /** Related domains (Defender returns `{ host }` items). */
  async listAlertDomains(alertId: string): Promise<string[]> {
    const items = await this.list<{ host: string }>(`/api/alerts/${seg(alertId)}/domains`, 'GET /api/alerts/{id}/domains', P.urlRead.app);
    return items.map((i) => i.host);
  }

  // ---- Machines -------------------------------------------------------------------------------

  /** `GET /api/machines/{id}`: accepts the machine id or its computer DNS name. */
  getMachine(idOrDnsName: string): Promise<Machine> {
    return this.get(`/api/machines/${seg(idOrDnsName)}`, 'GET /api/machines/{id}', P.machineRead.app);
  }

  /** `GET /api/machines` with OData options, following nextLink. */
  listMachines(options: ListOptions = {}): Promise<Machine[]> {
    return this.list('/api/machines', 'GET /api/machines', P.machineRead.app, options);
  }

  /** Machines that used the internal IP within ±15 min of `timestamp` (at most 30 days ago). */
  async findMachinesByIp(ip: string, timestamp: string | Date): Promise<Machine[]> {
    if (!isIP(ip)) throw invalidArgument(`"${ip}" is not an IP address`);
    const at = new Date(timestamp);
    if (Number.isNaN(at.getTime())) throw invalidArgument(`"${String(timestamp)}" is not a timestamp`);
    const iso = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return this.list(`/api/machines/findbyip(ip='${ip}',timestamp=${iso})`, 'GET /api/machines/findbyip', P.machineRead.app);
  }

  /** `GET /api/machines/findbytag`: exact tag, or tags starting with it. */
  findMachinesByTag(tag: string, options: { startsWith?: boolean } = {}): Promise<Machine[]> {
    return this.list('/api/machines/findbytag', 'GET /api/machines/findbytag', P.machineRead.app, {}, { tag, useStartsWithFilter: options.startsWith ?? false });
  }

  /**
   * The one machine named `name`: its computerDnsName equals `name` (case-insensitive), or, for a
   * name without a dot, its short hostname (before the first dot) does and no other machine's does.
   * Never matches substrings. Throws a terminal DEFENDER_MACHINE_NOT_FOUND or
   * DEFENDER_MACHINE_AMBIGUOUS (naming the candidates) otherwise.
   */
  findMachineByHostname(name: string): Promise<Machine> {
    return findMachineByHostname(this, name);
  }

  listMachineLogonUsers(machineId: string): Promise<DefenderUser[]> {
    return this.list(`/api/machines/${seg(machineId)}/logonusers`, 'GET /api/machines/{id}/logonusers', P.userRead.app);
  }

  listMachineAlerts(machineId: string, options: { limit?: number } = {}): Promise<Alert[]> {
    return this.list(`/api/machines/${seg(machineId)}/alerts`, 'GET /api/machines/{id}/alerts', P.alertRead.app, options);
  }

  /** `GET /api/machines/{id}/vulnerabilities` (50 calls/min). */
  listMachineVulnerabilities(machineId: string): Promise<Vulnerability[]> {
    return this.list(`/api/machines/${seg(machineId)}/vulnerabilities`, 'GET /api/machines/{id}/vulnerabilities', P.vulnerabilityRead.app, {}, {}, 'vulnerabilities');
  }

  listMachineSoftware(machineId: string): Promise<Software[]> {
    return this.list(`/api/machines/${seg(machineId)}/software`, 'GET /api/machines/{id}/software', P.softwareRead.app);
  }

  /** Adds a tag; returns the updated machine. */
  addMachineTag(machineId: string, tag: string): Promise<Machine> {
    return this.tag(machineId, tag, 'Add');
  }

  /** Removes a tag; returns the updated machine. */
  removeMachineTag(machineId: string, tag: string): Promise<Machine> {
    return this.tag(machineId, tag, 'Remove');
  }

  // ---- Machine actions ------------------------------------------------------------------------

  /** `POST /api/machines/{id}/isolate` → the new MachineAction (usually `Pending`). */
  isolateMachine(id: string, body: { comment: string; isolationType: 'Full' | 'Selective' | 'UnManagedDevice' }): Promise<MachineAction> {
    return this.sendMachineAction(id, 'isolate', P.isolate.app, { Comment: body.comment, IsolationType: body.isolationType });
  }

  /** `POST /api/machines/{id}/unisolate`. */
  releaseMachineIsolation(id: string, body: { comment: string }): Promise<MachineAction> {
    return this.sendMachineAction(id, 'unisolate', P.isolate.app, { Comment: body.comment });
  }

  /** `POST /api/machines/{id}/runAntiVirusScan`. */
  runAntivirusScan(id: string, body: { comment: string; scanType: 'Quick' | 'Full' }): Promise<MachineAction> {
    return this.sendMachineAction(id, 'runAntiVirusScan', P.scan.app, { Comment: body.comment, ScanType: body.scanType });
  }

  /** `POST /api/machines/{id}/restrictCodeExecution`. */
  restrictAppExecution(id: string, body: { comment: string }): Promise<MachineAction> {
    return this.sendMachineAction(id, 'restrictCodeExecution', P.restrict.app, { Comment: body.comment });
  }

  /** `POST /api/machines/{id}/unrestrictCodeExecution`. */
  unrestrictAppExecution(id: string, body: { comment: string }): Promise<MachineAction> {
    return this.sendMachineAction(id, 'unrestrictCodeExecution', P.restrict.app, { Comment: body.comment });
  }

  /** `POST /api/machines/{id}/collectInvestigationPackage` (400 while another collection runs). */
  collectInvestigationPackage(id: string, body: { comment: string }): Promise<MachineAction> {
    return this.sendMachineAction(id, 'collectInvestigationPackage', P.collectForensics.app, { Comment: body.comment });
  }

  /** `POST /api/machines/{id}/StopAndQuarantineFile`. */
  stopAndQuarantineFile(id: string, body: { comment: string; sha1: string }): Promise<MachineAction> {
    return this.sendMachineAction(id, 'StopAndQuarantineFile', P.stopAndQuarantine.app, { Comment: body.comment, Sha1: body.sha1 });
  }

  /** `POST /api/machines/{id}/runliveresponse` (10 calls/min; commands run in order, stopping at the first failure). */
  runLiveResponse(id: string, body: { comment: string; commands: LiveResponseCommand[] }): Promise<MachineAction> {
    return this.sendMachineAction(id, 'runliveresponse', P.liveResponse.app, { Comment: body.comment, Commands: body.commands }, 'liveResponse');
  }

  /** `POST /api/machineactions/{id}/cancel`. */
  async cancelMachineAction(id: string, body: { comment?: string } = {}): Promise<MachineAction> {
    const action = await this.send<MachineAction>({
      method: 'POST',
      path: `/api/machineactions/${seg(id)}/cancel`,
      operation: 'POST /api/machineactions/{id}/cancel',
      permissions: P.cancel.app,
      body: body.comment ? { Comment: body.comment } : {},
    });
    return normalizeMachineAction(action);
  }

  /** `GET /api/machineactions/{id}`. */
  async getMachineAction(id: string): Promise<MachineAction> {
    return normalizeMachineAction(await this.get<MachineAction>(`/api/machineactions/${seg(id)}`, 'GET /api/machineactions/{id}', P.machineRead.app));
  }

  /** `GET /api/machineactions` with OData options, following nextLink (see ListOptions.limit). */
  async listMachineActions(options: ListOptions = {}): Promise<MachineAction[]> {
    const items = await this.list<MachineAction>('/api/machineactions', 'GET /api/machineactions', P.machineRead.app, options);
    return items.map(normalizeMachineAction);
  }

  /**
   * `GET /api/machineactions/{id}/getPackageUri` (2 calls/min, 120/h): a short-lived download URL.
   * Defender answers 404 until the collection has finished.
   */
  async getInvestigationPackageUri(actionId: string): Promise<string> {
    const res = await this.get<{ value?: unknown }>(`/api/machineactions/${seg(actionId)}/getPackageUri`, 'GET /api/machineactions/{id}/getPackageUri', P.machineRead.app, undefined, 'packageUri');
    return this.stringValue(res, 'GET /api/machineactions/{id}/getPackageUri');
  }

  /** `GET /api/machineactions/{id}/GetLiveResponseResultDownloadLink(index=n)`: valid 30 min. */
  async getLiveResponseResultLink(actionId: string, commandIndex: number): Promise<string> {
    const op = 'GET /api/machineactions/{id}/GetLiveResponseResultDownloadLink';
    const res = await this.get<{ value?: unknown }>(`/api/machineactions/${seg(actionId)}/GetLiveResponseResultDownloadLink(index=${Math.trunc(commandIndex)})`, op, P.machineRead.app);
    return this.stringValue(res, op);
  }

  // ---- Indicators -----------------------------------------------------------------------------

  /** `POST /api/indicators`: creates, or updates the indicator with the same value and type. */
  submitIndicator(indicator: IndicatorBody): Promise<Indicator> {
    return this.send({ method: 'POST', path: '/api/indicators', operation: 'POST /api/indicators', permissions: P.ti.app, body: definedOnly(indicator) });
  }

  /** `POST /api/indicators/import`, split into batches of at most 500 (30 calls/min). */
  async importIndicators(indicators: IndicatorBody[]): Promise<IndicatorImportResult[]> {
    const results: IndicatorImportResult[] = [];
    for (const batch of chunks(indicators, MAX_BATCH)) {
      const res = await this.send<{ value?: IndicatorImportResult[] }>({
        method: 'POST',
        path: '/api/indicators/import',
        operation: 'POST /api/indicators/import',
        permissions: P.ti.app,
        group: 'indicatorImport',
        body: { Indicators: batch.map(definedOnly) },
      });
      results.push(...(res?.value ?? []));
    }
    return results;
  }

  listIndicators(options: ListOptions = {}): Promise<Indicator[]> {
    return this.list('/api/indicators', 'GET /api/indicators', P.ti.app, options);
  }

  /** `DELETE /api/indicators/{id}` (404 when unknown). */
  async deleteIndicator(id: string): Promise<void> {
    await this.send({ method: 'DELETE', path: `/api/indicators/${seg(id)}`, operation: 'DELETE /api/indicators/{id}', permissions: P.ti.app });
  }

  /** `POST /api/indicators/BatchDelete`, split into batches of at most 500 ids (30 calls/min). */
  async batchDeleteIndicators(ids: string[]): Promise<void> {
    for (const batch of chunks(ids, MAX_BATCH)) {
      await this.send({
        method: 'POST',
        path: '/api/indicators/BatchDelete',
        operation: 'POST /api/indicators/BatchDelete',
        permissions: P.ti.app,
        group: 'indicatorBatchDelete',
        body: { IndicatorIds: batch },
      });
    }
  }

  // ---- Enrichment -----------------------------------------------------------------------------

  getFile(sha1OrSha256: string): Promise<DefenderFile> {
    return this.get(`/api/files/${seg(sha1OrSha256)}`, 'GET /api/files/{id}', P.fileRead.app);
  }

  getFileStats(sha1OrSha256: string, options: { lookBackHours?: number } = {}): Promise<FileStats> {
    return this.get(`/api/files/${seg(sha1OrSha256)}/stats`, 'GET /api/files/{id}/stats', P.fileRead.app, { lookBackHours: options.lookBackHours });
  }

  listFileAlerts(sha1: string, options: { limit?: number } = {}): Promise<Alert[]> {
    return this.list(`/api/files/${seg(sha1)}/alerts`, 'GET /api/files/{id}/alerts', P.alertRead.app, options);
  }

  listFileMachines(sha1: string, options: { limit?: number } = {}): Promise<Machine[]> {
    return this.list(`/api/files/${seg(sha1)}/machines`, 'GET /api/files/{id}/machines', P.machineRead.app, options);
  }

  getIpStats(ip: string, options: { lookBackHours?: number } = {}): Promise<IpStats> {
    return this.get(`/api/ips/${seg(ip)}/stats`, 'GET /api/ips/{ip}/stats', P.ipRead.app, { lookBackHours: options.lookBackHours });
  }

  listIpAlerts(ip: string, options: { limit?: number } = {}): Promise<Alert[]> {
    return this.list(`/api/ips/${seg(ip)}/alerts`, 'GET /api/ips/{ip}/alerts', P.alertRead.app, options);
  }

  getDomainStats(domain: string, options: { lookBackHours?: number } = {}): Promise<DomainStats> {
    return this.get(`/api/domains/${seg(domain)}/stats`, 'GET /api/domains/{domain}/stats', P.urlRead.app, { lookBackHours: options.lookBackHours });
  }

  listDomainAlerts(domain: string, options: { limit?: number } = {}): Promise<Alert[]> {
    return this.list(`/api/domains/${seg(domain)}/alerts`, 'GET /api/domains/{domain}/alerts', P.alertRead.app, options);
  }

  listDomainMachines(domain: string, options: { limit?: number } = {}): Promise<Machine[]> {
    return this.list(`/api/domains/${seg(domain)}/machines`, 'GET /api/domains/{domain}/machines', P.machineRead.app, options);
  }

  /** Alerts of an account (account name only, not the UPN); unknown users give an empty list. */
  listUserAlerts(userName: string, options: { limit?: number } = {}): Promise<Alert[]> {
    return this.list(`/api/users/${seg(userName)}/alerts`, 'GET /api/users/{id}/alerts', P.alertRead.app, options);
  }

  /** Machines an account logged on to. */
  listUserMachines(userName: string, options: { limit?: number } = {}): Promise<Machine[]> {
    return this.list(`/api/users/${seg(userName)}/machines`, 'GET /api/users/{id}/machines', P.machineWrite.app, options);
  }

  // ---- Advanced hunting -----------------------------------------------------------------------

  /**
   * Advanced hunting through the connection's hunting API: Graph `runHuntingQuery` (default),
   * answered in the Defender shape, or the legacy `POST /api/advancedqueries/run`.
   */
  async huntingQuery(query: string): Promise<HuntingResult> {
    if (this.config.huntingApi === 'defender') return this.runAdvancedQuery(query);
    const res = await this.graph().runHuntingQuery(query);
    return { Schema: (res?.schema ?? []).map((c) => ({ Name: c.name, Type: c.type })), Results: res?.results ?? [] };
  }

  /** `POST /api/advancedqueries/run` (45 calls/min): KQL over the last 30 days. `Stats` is optional. */
  async runAdvancedQuery(query: string): Promise<HuntingResult> {
    const res = await this.send<Partial<HuntingResult>>({
      method: 'POST',
      path: '/api/advancedqueries/run',
      operation: 'POST /api/advancedqueries/run',
      permissions: P.hunting.app,
      group: 'hunting',
      body: { Query: query },
    });
    return { Schema: res?.Schema ?? [], Results: res?.Results ?? [], ...(res?.Stats !== undefined ? { Stats: res.Stats } : {}) };
  }

  // ---- plumbing -------------------------------------------------------------------------------

  /**
   * One Defender call with throttling, token refresh, retries classification and redaction. An
   * action unit makes its own request with it (`permissions`: the unit's application names, quoted
   * when Defender answers 403), so a new action needs no method here.
   */
  send<T>(req: DefenderRequest): Promise<T> {
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
    group?: DefenderRequest['group'],
  ): Promise<T[]> {
    const query = { $filter: options.filter, $top: options.top, $skip: options.skip, $expand: options.expand, ...extraQuery };
    return this.http.list<T>({ method: 'GET', path, operation, permissions, query, group }, options.limit ?? options.top);
  }

  private tag(machineId: string, tag: string, action: 'Add' | 'Remove'): Promise<Machine> {
    return this.send({ method: 'POST', path: `/api/machines/${seg(machineId)}/tags`, operation: 'POST /api/machines/{id}/tags', permissions: P.machineWrite.app, body: { Value: tag, Action: action } });
  }

  /** `Edm.String` answers: `{ value: "<url>" }`; the package URI sample wraps the URL in literal quotes. */
  private stringValue(res: { value?: unknown } | undefined, operation: string): string {
    const value = typeof res?.value === 'string' ? res.value.replace(/^"(.*)"$/s, '$1') : '';
    if (!value) throw new DefenderApiError({ code: DEFENDER_ERROR_CODES.invalidResponse, message: `Defender ${operation} returned no link`, retryable: true, operation });
    return value;
  }

  /** `POST /api/machines/{id}/{verb}` with a PascalCase body → the new MachineAction (for a machine action unit's `send`). */
  async sendMachineAction(machineId: string, verb: string, permissions: readonly string[], body: Record<string, unknown>, group?: DefenderRequest['group']): Promise<MachineAction> {
    const action = await this.send<MachineAction>({
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

const MAX_BATCH = 500;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function invalidArgument(message: string): DefenderApiError {
  return new DefenderApiError({ code: DEFENDER_ERROR_CODES.invalidParams, message, retryable: false });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
