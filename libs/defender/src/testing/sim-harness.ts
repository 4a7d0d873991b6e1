// Test support for the *.int-spec.ts files: the Defender simulator at its HTTP edge, and its
// control API. Not exported from the lib.
import { startDefenderSimulator, type RequestLogEntry, type RunningSimulator, type SimulatorOptions } from '@soar/defender-sim';
import type { DefenderConnectionConfig } from '../defender-connection.config';
import { DefenderClient, type DefenderClientDeps } from '../defender.client';

export { SEED } from '@soar/defender-sim';
export type { RequestLogEntry };

export interface SimHarness {
  sim: RunningSimulator;
  config(overrides?: Partial<DefenderConnectionConfig>): DefenderConnectionConfig;
  client(overrides?: Partial<DefenderConnectionConfig>, deps?: DefenderClientDeps): DefenderClient;
  control: SimControl;
  close(): Promise<void>;
}

export async function startSim(options: SimulatorOptions = {}): Promise<SimHarness> {
  const sim = await startDefenderSimulator({ rateLimits: false, ...options });
  const config = (overrides: Partial<DefenderConnectionConfig> = {}): DefenderConnectionConfig => ({
    name: 'default',
    tenantId: sim.tenantId,
    clientId: sim.defaultClient.clientId,
    credential: { kind: 'secret', clientSecret: sim.defaultClient.clientSecret },
    authorityHost: sim.authorityHost,
    apiBaseUrl: sim.apiBaseUrl,
    knownAuthorities: [sim.authorityHost],
    ...overrides,
  });
  return {
    sim,
    config,
    client: (overrides, deps) => new DefenderClient(config(overrides), deps),
    control: new SimControl(sim.controlUrl),
    close: () => sim.close(),
  };
}

/** Thin client for the simulator's control API (plain HTTP). */
export class SimControl {
  constructor(private readonly baseUrl: string) {}

  async requests(since = 0): Promise<RequestLogEntry[]> {
    return (await this.call('GET', `/requests?since=${since}`)) as RequestLogEntry[];
  }

  /** Sequence number of the newest log entry, to read only later requests. */
  async mark(): Promise<number> {
    const all = await this.requests();
    return all.length ? all[all.length - 1]!.seq : 0;
  }

  /** API requests (under /api) after `since`. */
  async apiRequests(since = 0): Promise<RequestLogEntry[]> {
    return (await this.requests(since)).filter((r) => r.path.startsWith('/api'));
  }

  fault(rule: { match?: { method?: string; path?: string }; count?: number; fault: Record<string, unknown> }): Promise<unknown> {
    return this.call('POST', '/faults', rule);
  }

  actionOutcome(rule: { match?: { machineId?: string; type?: string }; outcome: string; count?: number }): Promise<unknown> {
    return this.call('POST', '/action-outcomes', rule);
  }

  setConfig(patch: Record<string, unknown>): Promise<unknown> {
    return this.call('PUT', '/config', patch);
  }

  async registerClient(input: { roles: string[]; clientId?: string; clientSecret?: string; certificatePem?: string; displayName?: string }): Promise<{ clientId: string; clientSecret: string | null }> {
    return (await this.call('POST', '/clients', input)) as { clientId: string; clientSecret: string | null };
  }

  reset(): Promise<unknown> {
    return this.call('POST', '/reset');
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sim control ${method} ${path} → ${res.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
}

/** A step context for handler tests. */
export function stepContext(overrides: Partial<{ runId: string; stepId: string; attempt: number; connection: string; maybeSent: boolean }> = {}) {
  return { runId: `run-${Math.random().toString(36).slice(2, 10)}`, stepId: 'contain', attempt: 1, connection: 'default', maybeSent: false, ...overrides };
}

/**
 * Drives a handler like the engine does: execute, then resume after each `wait` until done
 * (sleeping at most `maxSleepMs` instead of the requested delay, to keep tests fast).
 */
export async function runToCompletion(
  handler: import('@soar/contracts').ActionHandler,
  params: import('@soar/contracts').JsonValue,
  ctx: ReturnType<typeof stepContext>,
  maxSleepMs = 150,
): Promise<{ output: import('@soar/contracts').JsonValue; waits: Array<{ resumeAfterMs: number; state: import('@soar/contracts').JsonValue }> }> {
  const waits: Array<{ resumeAfterMs: number; state: import('@soar/contracts').JsonValue }> = [];
  let outcome = await handler.execute(params, ctx);
  while (outcome.kind === 'wait') {
    waits.push({ resumeAfterMs: outcome.resumeAfterMs, state: outcome.state });
    if (waits.length > 200) throw new Error('handler never finished');
    await new Promise((r) => setTimeout(r, Math.min(outcome.kind === 'wait' ? outcome.resumeAfterMs : 0, maxSleepMs)));
    outcome = await handler.resume!(outcome.state, ctx);
  }
  return { output: outcome.output, waits };
}
