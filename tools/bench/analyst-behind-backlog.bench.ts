import { randomUUID } from 'node:crypto';
import { jobId, jobKeys } from '@soar/engine';
import { PlaybookRepository } from '@soar/persistence';
import type { BenchStack } from './bench-stack';
import { ISOLATION_PLAYBOOK } from './e2e-throughput.bench';
import { INTAKE_PLAYBOOK } from './intake.bench';
import { mapLimit, pollUntil } from './stats';

export interface AnalystBehindBacklogResult {
  backlog: number;
  /** Backlog runs still queued when the analyst's first step started (the backlog was really there). */
  stillQueued: number;
  /** POST → the analyst's first step attempt `started_at`. */
  firstStepMs: number;
  /** POST → 202. */
  httpMs: number;
}

/**
 * `backlog` alert-triggered runs are queued (rows as RunRepository writes them, first jobs queued as
 * RunStarter queues a triggered start); then an analyst starts an isolation run by hand over HTTP,
 * and the time to its first step starting is measured. What the analyst sees depends on BullMQ
 * priorities (a manual start before triggered ones), not on how fast the backlog drains. The
 * backlog is then removed (its runs cancelled, its start jobs removed).
 */
export async function benchAnalystBehindBacklog(stack: BenchStack, options: { backlog: number; alertId: string; timeoutMs: number }): Promise<AnalystBehindBacklogResult> {
  const startedBy = 'bench:backlog';
  const version = await new PlaybookRepository(stack.db).latest(INTAKE_PLAYBOOK);
  if (!version) throw new Error(`playbook ${INTAKE_PLAYBOOK} is not saved`);
  for (let done = 0; done < options.backlog; done += 1000) {
    const ids = Array.from({ length: Math.min(1000, options.backlog - done) }, () => randomUUID());
    await stack.db.$transaction([
      stack.db.run.createMany({
        data: ids.map((id, i) => ({
          id,
          playbookVersionId: version.versionId,
          playbookName: INTAKE_PLAYBOOK,
          playbookVersion: version.version,
          status: 'queued',
          inputs: { alert_id: `da${638_100_000_000_000_000n + BigInt(done + i)}_1` },
          trigger: { type: 'alert' },
          startedBy,
        })),
      }),
      stack.db.stepRun.createMany({ data: ids.map((runId) => ({ runId, stepId: 'echo', action: 'core.set', position: 0, status: 'pending' })) }),
    ]);
    await mapLimit(ids, 50, (id) => stack.queue.enqueueAdvance(id, 'start', { start: 'triggered' }));
  }

  const backlogIds = (await stack.db.run.findMany({ where: { startedBy }, select: { id: true } })).map((r) => r.id);
  const sentAt = Date.now();
  const res = await fetch(`${stack.apiUrl}/playbooks/${ISOLATION_PLAYBOOK}/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ inputs: { alert_id: options.alertId } }),
  });
  const httpMs = Date.now() - sentAt;
  const body = (await res.json()) as { runId?: string };
  if (res.status !== 202 || !body.runId) throw new Error(`the analyst's start failed (${res.status}): ${JSON.stringify(body)}`);
  const runId = body.runId;
  const started = await pollUntil(
    async () => (await stack.db.stepAttempt.findFirst({ where: { attempt: 1, step: { runId, position: 0 } }, select: { startedAt: true } }))?.startedAt ?? undefined,
    "the analyst's first step to start",
    options.timeoutMs,
    20,
  );
  const stillQueued = await stack.db.run.count({ where: { startedBy, status: 'queued' } });

  // Remove the backlog so the next rows measure an empty queue: its runs end as cancelled (a start
  // job already taken then finds a finished run and does nothing) and its waiting starts leave Redis.
  await stack.db.run.updateMany({ where: { startedBy, status: { in: ['queued', 'running', 'waiting'] } }, data: { status: 'cancelled', outcome: 'cancelled', reason: 'bench backlog removed', endedAt: new Date() } });
  await mapLimit(backlogIds, 50, (id) => stack.queue.queue.remove(jobId('advance', id, jobKeys.start())).catch(() => 0));
  return { backlog: options.backlog, stillQueued, firstStepMs: started.getTime() - sentAt, httpMs };
}
