import type { NewRunRecord } from '@soar/engine';
import { jsonParam, sqlText, type Sql } from './run-transition.sql';

/** The step rows of a new run, in position order: pending, or queued for the first steps the start queues itself. */
export function newRunSteps(run: NewRunRecord): { stepId: string; action: string; position: number; status: 'queued' | 'pending' }[] {
  const queued = new Set(run.queued ?? []);
  return [...run.definition.steps, ...(run.definition.on_failure ?? [])].map((s, position) => ({ stepId: s.id, action: s.action, position, status: queued.has(s.id) ? 'queued' : 'pending' }));
}

/**
 * A new run, its steps (pending, or queued for the first ones when the start queues their jobs)
 * and its `run.queued` (and `steps.queued`) events in one statement (one round trip on the
 * start path, where Prisma's transaction took five). `ON CONFLICT DO NOTHING` on the id: a repeated
 * start of the same sub-playbook run (its id derives from the parent attempt) writes nothing.
 * Returns whether this statement created the run.
 */
export async function createRunSql(db: Sql, id: string, run: NewRunRecord): Promise<boolean> {
  const steps = newRunSteps(run);
  const queuedEvent = run.queued?.length ? JSON.stringify({ steps: run.queued }) : null;
  const rows = await sqlText(db)<{ n: number }>`
    WITH r AS (
      INSERT INTO runs (id, playbook_version_id, playbook_name, playbook_version, status, inputs, trigger, started_by, created_at, parent_run_id, parent_step_id, parent_attempt)
      VALUES (${id}::uuid, ${run.playbookVersionId}::uuid, ${run.playbookName}, ${run.playbookVersion}::int, 'queued', ${jsonParam(run.inputs)}::jsonb,
        ${jsonParam(run.trigger)}::jsonb, ${run.startedBy}, (now() AT TIME ZONE 'UTC'), ${run.parent?.runId ?? null}::uuid, ${run.parent?.stepId ?? null}::text, ${run.parent?.attempt ?? null}::int)
      ON CONFLICT (id) DO NOTHING RETURNING id),
    s AS (INSERT INTO step_runs (id, run_id, step_id, action, position, status, updated_at)
      SELECT gen_random_uuid(), r.id, x."stepId", x.action, x.position, x.status, (now() AT TIME ZONE 'UTC')
      FROM r CROSS JOIN jsonb_to_recordset(${JSON.stringify(steps)}::jsonb) AS x("stepId" text, action text, position int, status text)),
    e AS (INSERT INTO run_events (run_id, type, data)
      SELECT id, type, data FROM (
        SELECT 1 AS seq, r.id, 'run.queued' AS type, ${JSON.stringify({ startedBy: run.startedBy })}::jsonb AS data FROM r
        UNION ALL
        SELECT 2, r.id, 'steps.queued', ${queuedEvent}::jsonb FROM r WHERE ${queuedEvent}::jsonb IS NOT NULL
      ) ordered ORDER BY seq)
    SELECT count(*)::int AS n FROM r`;
  return (rows[0]?.n ?? 0) > 0;
}
