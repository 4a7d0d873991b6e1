import type { ConfigPatch } from '../config/config-patch';
import type { RuntimeConfig } from '../config/runtime-config';
import type { FaultRuleInput } from '../faults/fault-injector';
import type { SimClient } from '../options';
import type { Alert } from '../state/entities';
import type { ActionOutcome } from '../state/machine-action-record';
import type { RequestLogEntry } from './request-log';
import type { stateView } from './state-view';

export type SimulatorState = ReturnType<typeof stateView>;

/** Typed wrapper over the control API, for tests. */
export class SimulatorControlClient {
  constructor(private readonly controlUrl: string) {}

  requests(since?: number): Promise<RequestLogEntry[]> {
    return this.call('GET', `/requests${since === undefined ? '' : `?since=${since}`}`);
  }
  clearRequests(): Promise<void> {
    return this.call('DELETE', '/requests');
  }
  state(): Promise<SimulatorState> {
    return this.call('GET', '/state');
  }
  reset(): Promise<void> {
    return this.call('POST', '/reset');
  }
  addFault(rule: Partial<FaultRuleInput> & Pick<FaultRuleInput, 'fault'>): Promise<{ id: number }> {
    return this.call('POST', '/faults', rule);
  }
  clearFaults(): Promise<void> {
    return this.call('DELETE', '/faults');
  }
  setActionOutcome(rule: { match?: { machineId?: string; type?: string }; outcome: ActionOutcome; count?: number }): Promise<void> {
    return this.call('POST', '/action-outcomes', rule);
  }
  clearActionOutcomes(): Promise<void> {
    return this.call('DELETE', '/action-outcomes');
  }
  config(): Promise<RuntimeConfig> {
    return this.call('GET', '/config');
  }
  setConfig(patch: ConfigPatch): Promise<RuntimeConfig> {
    return this.call('PUT', '/config', patch);
  }
  resetRateLimits(): Promise<void> {
    return this.call('DELETE', '/rate-limits');
  }
  registerClient(client: Partial<SimClient> & Pick<SimClient, 'roles'>): Promise<{ clientId: string; clientSecret: string | null; roles: string[] }> {
    return this.call('POST', '/clients', client);
  }
  createAlert(input: { template?: string; fields?: Partial<Alert> } = {}): Promise<Alert> {
    return this.call('POST', '/alerts', input);
  }
  /** Adds someone else's machine action (see scripted-entities.ts for the fields). */
  addMachineAction(input: {
    machineId: string;
    type: string;
    requestor?: string;
    requestorComment?: string;
    scope?: string | null;
    sha1?: string;
    commands?: { type: string; params: { key: string; value: string }[] }[];
    outcome?: ActionOutcome;
    pendingMs?: number;
    inProgressMs?: number;
    ageMs?: number;
  }): Promise<{ id: string; status: string; requestor: string; type: string }> {
    return this.call('POST', '/machine-actions', input);
  }
  /** Patches a machine (`id`) or adds a copy of one (`copyOf`) with `fields` changed. */
  machine(input: { id?: string; copyOf?: string; fields?: Record<string, unknown> }): Promise<{ id: string; computerDnsName: string }> {
    return this.call('POST', '/machines', input);
  }
  alert(id: string): Promise<Alert> {
    return this.call('GET', `/alert?id=${encodeURIComponent(id)}`);
  }
  updateAlert(id: string, fields: Partial<Pick<Alert, 'severity' | 'status' | 'title' | 'description' | 'category' | 'assignedTo'>>): Promise<Alert> {
    return this.call('POST', '/alerts/update', { id, fields });
  }
  startAlertGenerator(options: { everyMs: number; template?: string }): Promise<void> {
    return this.call('POST', '/alert-generator', options);
  }
  stopAlertGenerator(): Promise<void> {
    return this.call('DELETE', '/alert-generator');
  }

  /** A simulated user's access token for an API app (`audience`), minted without a sign-in. */
  userToken(input: { username: string; audience: string; lifetimeSeconds?: number; issuedSecondsAgo?: number }): Promise<{ accessToken: string }> {
    return this.call('POST', '/user-tokens', input);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.controlUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control ${method} ${path} failed: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
