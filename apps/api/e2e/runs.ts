import { waitFor } from '@soar/testing';
import { http } from './http';

export const TERMINAL = ['succeeded', 'failed', 'cancelled'];

/** Starts a run over HTTP and returns its id (fails the test unless the API answers 202). */
export async function startRun(apiUrl: string, playbook: string, inputs: object): Promise<string> {
  const res = await http('POST', `${apiUrl}/playbooks/${playbook}/runs`, { inputs });
  if (res.status !== 202) throw new Error(`starting ${playbook} answered ${res.status}: ${res.text}`);
  return res.body.runId as string;
}

export const getRun = (apiUrl: string, id: string) => http('GET', `${apiUrl}/runs/${id}`).then((r) => r.body);

/** Polls the run over HTTP until its status is one of `statuses` (default: any terminal one). */
export const runUntil = (apiUrl: string, id: string, statuses: string[] = TERMINAL) =>
  waitFor(
    async () => {
      const run = await getRun(apiUrl, id);
      return statuses.includes(run.status) ? run : undefined;
    },
    { timeoutMs: 45_000, what: `run ${id} to reach ${statuses.join('/')}` },
  );
