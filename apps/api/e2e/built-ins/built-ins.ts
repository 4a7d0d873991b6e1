import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SimulatorControlClient, type RequestLogEntry } from '@soar/defender-sim';
import { waitFor } from '@soar/testing';
import { startE2eStack, type E2eStack } from '../e2e-stack';
import { http } from '../http';

/**
 * Shared plumbing of the built-in playbook specs: the real stack (API, worker process, Postgres,
 * Redis, Defender simulator), the playbook files from workflows/, and the simulator's request log
 * and state. Each spec file starts one stack; `fresh()` reseeds the simulator between tests.
 */
export const WORKFLOWS_DIR = path.resolve(__dirname, '../../../../workflows');
export const TERMINAL = ['succeeded', 'failed', 'cancelled'];

export function workflowYaml(name: string): string {
  return readFileSync(path.join(WORKFLOWS_DIR, `${name}.yaml`), 'utf8');
}

export interface StepRun {
  id: string;
  action: string;
  status: string;
  params: any;
  output: any;
  error: any;
  history: { attempt: number; status: string }[];
}
export interface RunBody {
  id: string;
  status: string;
  /** What came of the run (`succeeded`, `partial`, `no_op`, `rejected`, ...), with `reason` in words. */
  outcome: string | null;
  reason: string | null;
  outputs: any;
  error: any;
  steps: StepRun[];
}

export class BuiltIns {
  stack!: E2eStack;
  control!: SimulatorControlClient;

  async start(playbooks: string[], env?: Record<string, string>): Promise<void> {
    this.stack = await startE2eStack(env ? { env } : {});
    this.control = new SimulatorControlClient(this.stack.sim.controlUrl);
    for (const name of playbooks) {
      const saved = await http('POST', `${this.stack.apiUrl}/playbooks`, workflowYaml(name));
      if (saved.status !== 201) throw new Error(`saving ${name} failed: ${saved.status} ${saved.text}`);
    }
  }

  async stop(): Promise<void> {
    await this.stack?.stop();
  }

  /** Reseeds the simulator and empties its request log. */
  async fresh(): Promise<void> {
    await this.control.reset();
    await this.control.clearRequests();
  }

  async run(playbook: string, inputs: object): Promise<string> {
    const res = await http('POST', `${this.stack.apiUrl}/playbooks/${playbook}/runs`, { inputs });
    if (res.status !== 202) throw new Error(`starting ${playbook} failed: ${res.status} ${res.text}`);
    return res.body.runId as string;
  }

  async get(runId: string): Promise<RunBody> {
    return (await http('GET', `${this.stack.apiUrl}/runs/${runId}`)).body as RunBody;
  }

  until(runId: string, statuses: string[] = TERMINAL, timeoutMs = 60_000): Promise<RunBody> {
    return waitFor(
      async () => {
        const run = await this.get(runId);
        return statuses.includes(run.status) ? run : undefined;
      },
      { timeoutMs, what: `run ${runId} to reach ${statuses.join('/')}` },
    );
  }

  /** Starts a run and waits for its terminal state. */
  async runToEnd(playbook: string, inputs: object): Promise<RunBody> {
    return this.until(await this.run(playbook, inputs));
  }

  /** The pending approval of a run (waits for it to be opened). */
  async approvalOf(runId: string): Promise<any> {
    return waitFor(
      async () => ((await http('GET', `${this.stack.apiUrl}/approvals`)).body.items as any[]).find((a) => a.runId === runId),
      { timeoutMs: 30_000, what: `the approval of run ${runId}` },
    );
  }

  async decide(approvalId: string, decision: 'approve' | 'reject', comment?: string): Promise<void> {
    const res = await http('POST', `${this.stack.apiUrl}/approvals/${approvalId}/decision`, { decision, ...(comment ? { comment } : {}) });
    if (res.status !== 201) throw new Error(`deciding ${approvalId} failed: ${res.status} ${res.text}`);
  }

  /** Defender API requests (token requests left out), oldest first. */
  async apiRequests(): Promise<RequestLogEntry[]> {
    return (await this.control.requests()).filter((r) => r.path.startsWith('/api/'));
  }

  /** Requests that change something (not GET), as [method, path]. */
  async writes(): Promise<RequestLogEntry[]> {
    return (await this.apiRequests()).filter((r) => r.method !== 'GET');
  }

  async state(): Promise<any> {
    return this.control.state();
  }
}

/** `[id, status]` of every step, in definition order. */
export const stepStatuses = (run: RunBody): [string, string][] => run.steps.map((s) => [s.id, s.status]);
export const step = (run: RunBody, id: string): StepRun => {
  const found = run.steps.find((s) => s.id === id);
  if (!found) throw new Error(`run has no step ${id}`);
  return found;
};
/** `METHOD path` of requests, for exact comparisons. */
export const calls = (log: RequestLogEntry[]): string[] => log.map((r) => `${r.method} ${r.path}`);
/** The machine-action tag the Defender adapter appends to every comment it sends. */
export const TAG = /\[soar run=[0-9a-f-]{36} step=[a-z0-9_#.[\]-]+\]$/;
