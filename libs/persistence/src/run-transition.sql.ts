import type { JsonValue } from '@soar/contracts';

/**
 * The engine's transitions as single SQL statements: each is one round trip that checks the
 * expected state (the compare-and-set), writes the new state, the attempt row and the run event,
 * and returns what the caller needs. Sub-statements of one WITH see the same snapshot and commit
 * together, so a state never exists without its event, as with the transactions they replace.
 *
 * Prisma keeps the schema and everything off the hot path; these are the hot path, sent on the pg
 * pool under the Prisma adapter (`sqlOf`): through Prisma's `$queryRaw` each statement cost
 * ~0.5 ms more CPU in its query interpreter. Two things Prisma did for us are written out: `updated_at` on every step_runs change (its `@updatedAt`; the
 * stale-work finder reads it) and timestamps in UTC (`timestamp(3)` columns hold UTC wall time).
 */

/** Where the statements go: the adapter's pg pool (`sqlOf`). `name` makes it a prepared statement. */
export interface Sql {
  query(text: string, values: unknown[], name?: string): Promise<{ rows: unknown[] }>;
}

/** Each call site's text and statement name (a template's strings array is the same object at every call). */
const statements = new WeakMap<TemplateStringsArray, { text: string; name: string }>();
let statementCount = 0;

/**
 * A tagged template as a parameterised query: `${value}` becomes `$n`, never spliced into the text.
 * Each call site is a named prepared statement: Postgres parses and plans these multi-table CTEs
 * once per connection instead of at every call (planning was most of its CPU per step).
 */
export const sqlText =
  (db: Sql) =>
  async <T = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> => {
    let statement = statements.get(strings);
    if (!statement) {
      statement = { text: strings.reduce((out, part, i) => `${out}$${i}${part}`), name: `soar_${++statementCount}` };
      statements.set(strings, statement);
    }
    return (await db.query(statement.text, values, statement.name)).rows as T[];
  };

/** SQL NULL for null/undefined, else the value as JSON text for a `::jsonb` parameter. */
export const jsonParam = (value: JsonValue | null | undefined): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

const one = (rows: { n: number }[]): boolean => (rows[0]?.n ?? 0) > 0;

export interface RunRow {
  id: string;
  status: string;
  inputs: Record<string, JsonValue>;
  trigger: JsonValue;
  started_by: string;
  playbook_name: string;
  playbook_version: number;
  playbook_version_id: string;
  started_at: string | null;
  steps: { stepId: string; action: string; status: string; attempts: number; output: JsonValue; error: JsonValue; wait: JsonValue }[];
}

/** The run and its steps (ordered by position) in one round trip; the definition comes from a cache. */
export async function selectRun(db: Sql, runId: string): Promise<RunRow | null> {
  const rows = await sqlText(db)<RunRow>`
    SELECT r.id::text, r.status, r.inputs, r.trigger, r.started_by, r.playbook_name, r.playbook_version, r.playbook_version_id::text,
      to_char(r.started_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS started_at,
      COALESCE((SELECT jsonb_agg(jsonb_build_object('stepId', s.step_id, 'action', s.action, 'status', s.status, 'attempts', s.attempts,
        'output', s.output, 'error', s.error, 'wait', s.wait) ORDER BY s.position) FROM step_runs s WHERE s.run_id = r.id), '[]'::jsonb) AS steps
    FROM runs r WHERE r.id = ${runId}::uuid`;
  return rows[0] ?? null;
}

/** What the metrics label a run with, returned by the statement that moved it (no second read). */
export interface RunLabelsRow {
  playbook: string;
  trigger: string | null;
  outcome: string | null;
  seconds: number | null;
}

/**
 * queued → running and pending → queued for the run's first steps in one statement (the first
 * advance: one round trip instead of two; with no steps, the plain start). Nothing is queued
 * unless this call started the run; `started` is its labels, or null when another call started it.
 */
export async function startRunAndQueueSql(db: Sql, runId: string, stepIds: string[]): Promise<{ started: RunLabelsRow | null; queued: string[] }> {
  const rows = await sqlText(db)<{ started: RunLabelsRow | null; queued: string[] | null }>`
    WITH r AS (UPDATE runs SET status = 'running', started_at = (now() AT TIME ZONE 'UTC') WHERE id = ${runId}::uuid AND status = 'queued'
      RETURNING id, playbook_name, trigger),
    wanted AS (SELECT value AS step_id, ord FROM jsonb_array_elements_text(${JSON.stringify(stepIds)}::jsonb) WITH ORDINALITY AS t(value, ord)),
    q AS (UPDATE step_runs SET status = 'queued', updated_at = (now() AT TIME ZONE 'UTC')
      WHERE run_id = ${runId}::uuid AND status = 'pending' AND step_id IN (SELECT step_id FROM wanted) AND EXISTS (SELECT 1 FROM r) RETURNING step_id),
    moved AS (SELECT q.step_id, wanted.ord FROM q JOIN wanted USING (step_id)),
    e AS (INSERT INTO run_events (run_id, type, data)
      SELECT ${runId}::uuid, type, data FROM (
        SELECT 1 AS seq, 'run.running' AS type, '{}'::jsonb AS data FROM r
        UNION ALL
        SELECT 2, 'steps.queued', jsonb_build_object('steps', jsonb_agg(step_id ORDER BY ord)) FROM moved HAVING count(*) > 0
      ) ordered ORDER BY seq)
    SELECT (SELECT jsonb_build_object('playbook', playbook_name, 'trigger', trigger->>'type', 'outcome', NULL, 'seconds', NULL) FROM r) AS started,
      (SELECT array_agg(step_id ORDER BY ord) FROM moved) AS queued`;
  return { started: rows[0]?.started ?? null, queued: rows[0]?.queued ?? [] };
}

export async function finishRunSql(
  db: Sql,
  runId: string,
  status: string,
  patch: { outcome: string; reason: string; outputs?: JsonValue; error?: JsonValue },
): Promise<RunLabelsRow | null> {
  const event = JSON.stringify({ outcome: patch.outcome, reason: patch.reason });
  const rows = await sqlText(db)<RunLabelsRow>`
    WITH r AS (
      UPDATE runs SET status = ${status}, outcome = ${patch.outcome}, reason = ${patch.reason}, ended_at = (now() AT TIME ZONE 'UTC'),
        outputs = CASE WHEN ${patch.outputs !== undefined}::boolean THEN ${jsonParam(patch.outputs)}::jsonb ELSE outputs END,
        error = CASE WHEN ${patch.error !== undefined}::boolean THEN ${jsonParam(patch.error)}::jsonb ELSE error END
      WHERE id = ${runId}::uuid AND status IN ('queued', 'running', 'waiting') RETURNING id, playbook_name, trigger, outcome, started_at, ended_at),
    s AS (UPDATE step_runs SET status = 'cancelled', ended_at = (now() AT TIME ZONE 'UTC'), updated_at = (now() AT TIME ZONE 'UTC')
      WHERE run_id IN (SELECT id FROM r) AND status IN ('pending', 'queued', 'waiting')),
    e AS (INSERT INTO run_events (run_id, type, data) SELECT id, ${`run.${status}`}::text, ${event}::jsonb FROM r)
    SELECT playbook_name AS playbook, trigger->>'type' AS trigger, outcome,
      EXTRACT(EPOCH FROM (ended_at - started_at))::float8 AS seconds FROM r`;
  return rows[0] ?? null;
}

/** pending → queued for each id; returns the ids moved, in the order given. */
export async function queueStepsSql(db: Sql, runId: string, stepIds: string[]): Promise<string[]> {
  const rows = await sqlText(db)<{ step_id: string }>`
    WITH wanted AS (SELECT value AS step_id, ord FROM jsonb_array_elements_text(${JSON.stringify(stepIds)}::jsonb) WITH ORDINALITY AS t(value, ord)),
    q AS (UPDATE step_runs SET status = 'queued', updated_at = (now() AT TIME ZONE 'UTC')
      WHERE run_id = ${runId}::uuid AND status = 'pending' AND step_id IN (SELECT step_id FROM wanted) RETURNING step_id),
    moved AS (SELECT q.step_id, wanted.ord FROM q JOIN wanted USING (step_id)),
    r AS (UPDATE runs SET status = 'running' WHERE id = ${runId}::uuid AND status = 'waiting' AND EXISTS (SELECT 1 FROM q)),
    e AS (INSERT INTO run_events (run_id, type, data)
      SELECT ${runId}::uuid, 'steps.queued', jsonb_build_object('steps', jsonb_agg(step_id ORDER BY ord)) FROM moved HAVING count(*) > 0)
    SELECT step_id FROM moved ORDER BY ord`;
  return rows.map((r) => r.step_id);
}

export async function skipStepSql(db: Sql, runId: string, stepId: string, error: JsonValue, event: JsonValue): Promise<boolean> {
  return one(await sqlText(db)<{ n: number }>`
    WITH s AS (UPDATE step_runs SET status = 'skipped', ended_at = (now() AT TIME ZONE 'UTC'), updated_at = (now() AT TIME ZONE 'UTC'), error = ${jsonParam(error)}::jsonb
      WHERE run_id = ${runId}::uuid AND step_id = ${stepId} AND status IN ('pending', 'queued') RETURNING id),
    e AS (INSERT INTO run_events (run_id, type, data) SELECT ${runId}::uuid, 'step.skipped', ${jsonParam(event)}::jsonb FROM s)
    SELECT count(*)::int AS n FROM s`);
}

/**
 * The claim: the step moves to running from the expected status and attempt count; attempts left
 * `running` by a dead worker become `abandoned` (counted: their side effect may have happened); a
 * new attempt row is inserted (with its evaluated parameters, when given), or a resumed one taken
 * over; the run leaves `waiting`, or starts when it was still `queued` (its first step, queued by
 * the start itself); the events.
 */
export async function claimStepSql(
  db: Sql,
  runId: string,
  stepId: string,
  claim: { from: string; expectedAttempts: number; attempt: number; workerId: string; newAttempt: boolean; setStartedAt: boolean; params?: JsonValue },
): Promise<{ claimed: boolean; abandoned: number; startedRun: RunLabelsRow | null }> {
  const event = JSON.stringify({ step: stepId, attempt: claim.attempt, worker: claim.workerId });
  const params = jsonParam(claim.params);
  const rows = await sqlText(db)<{ claimed: number; abandoned: number; started_run: RunLabelsRow | null }>`
    WITH s AS (
      UPDATE step_runs SET status = 'running', attempts = ${claim.attempt}, updated_at = (now() AT TIME ZONE 'UTC'),
        wait = CASE WHEN ${claim.newAttempt}::boolean THEN NULL ELSE wait END,
        params = COALESCE(${params}::jsonb, params),
        started_at = CASE WHEN ${claim.setStartedAt}::boolean THEN (now() AT TIME ZONE 'UTC') ELSE started_at END
      WHERE run_id = ${runId}::uuid AND step_id = ${stepId} AND status = ${claim.from} AND attempts = ${claim.expectedAttempts} RETURNING id),
    -- The run as it was (a CTE's SELECT sees the statement's snapshot, before r): a claim of one of
    -- its first steps starts a queued run; of two such claims at once only one updates it.
    was AS (SELECT status FROM runs WHERE id = ${runId}::uuid),
    r AS (UPDATE runs SET status = 'running', started_at = COALESCE(started_at, (now() AT TIME ZONE 'UTC'))
      WHERE id = ${runId}::uuid AND status IN ('queued', 'waiting') AND EXISTS (SELECT 1 FROM s) RETURNING id, playbook_name, trigger),
    started AS (SELECT r.* FROM r WHERE (SELECT status FROM was) = 'queued'),
    ab AS (UPDATE step_attempts SET status = 'abandoned', ended_at = (now() AT TIME ZONE 'UTC')
      WHERE step_run_id IN (SELECT id FROM s) AND status = 'running' AND attempt < ${claim.attempt} RETURNING id),
    ins AS (INSERT INTO step_attempts (id, step_run_id, attempt, status, worker_id, params)
      SELECT gen_random_uuid(), id, ${claim.attempt}::int, 'running', ${claim.workerId}::text, ${params}::jsonb FROM s WHERE ${claim.newAttempt}::boolean),
    res AS (UPDATE step_attempts SET worker_id = ${claim.workerId}, status = 'running'
      WHERE step_run_id IN (SELECT id FROM s) AND attempt = ${claim.attempt} AND NOT ${claim.newAttempt}::boolean),
    e AS (INSERT INTO run_events (run_id, type, data)
      SELECT ${runId}::uuid, type, data FROM (
        SELECT 1 AS seq, 'run.running' AS type, '{}'::jsonb AS data FROM started
        UNION ALL
        SELECT 2, CASE WHEN ${claim.newAttempt}::boolean THEN 'step.started' ELSE 'step.resumed' END, ${event}::jsonb FROM s
      ) ordered ORDER BY seq)
    SELECT (SELECT count(*) FROM s)::int AS claimed, (SELECT count(*) FROM ab)::int AS abandoned,
      (SELECT jsonb_build_object('playbook', playbook_name, 'trigger', trigger->>'type', 'outcome', NULL, 'seconds', NULL) FROM started) AS started_run`;
  return { claimed: (rows[0]?.claimed ?? 0) > 0, abandoned: rows[0]?.abandoned ?? 0, startedRun: rows[0]?.started_run ?? null };
}

/**
 * Ends an attempt: the step moves from one of `from` (at that attempt) to `to` with its output,
 * error and wait; the attempt row closes with `attemptStatus`; the `step.<…>` event.
 */
export async function endAttemptSql(
  db: Sql,
  runId: string,
  stepId: string,
  attempt: number,
  change: { from: string[]; to: string; attemptStatus: string; eventType: string; event: JsonValue; output?: JsonValue; error: JsonValue; wait: JsonValue; ends: boolean },
): Promise<boolean> {
  const hasOutput = change.output !== undefined;
  return one(await sqlText(db)<{ n: number }>`
    WITH s AS (
      UPDATE step_runs SET status = ${change.to}, updated_at = (now() AT TIME ZONE 'UTC'),
        output = CASE WHEN ${hasOutput}::boolean THEN ${jsonParam(change.output)}::jsonb ELSE output END,
        error = ${jsonParam(change.error)}::jsonb, wait = ${jsonParam(change.wait)}::jsonb,
        ended_at = CASE WHEN ${change.ends}::boolean THEN (now() AT TIME ZONE 'UTC') ELSE ended_at END
      WHERE run_id = ${runId}::uuid AND step_id = ${stepId} AND status IN (SELECT jsonb_array_elements_text(${JSON.stringify(change.from)}::jsonb)) AND attempts = ${attempt}
      RETURNING id),
    a AS (UPDATE step_attempts SET status = ${change.attemptStatus}, ended_at = (now() AT TIME ZONE 'UTC'),
        output = CASE WHEN ${hasOutput}::boolean THEN ${jsonParam(change.output)}::jsonb ELSE output END,
        error = CASE WHEN ${change.error !== null}::boolean THEN ${jsonParam(change.error)}::jsonb ELSE error END
      WHERE step_run_id IN (SELECT id FROM s) AND attempt = ${attempt}),
    e AS (INSERT INTO run_events (run_id, type, data) SELECT ${runId}::uuid, ${change.eventType}::text, ${jsonParam(change.event)}::jsonb FROM s)
    SELECT count(*)::int AS n FROM s`);
}

/**
 * running → succeeded and, in the same statement, what the caller decided follows: pending →
 * queued for `next.queue`, or the run's end (`next.finish`) — but only if every other step of the
 * run still has the status the caller decided from (`others`), which the caller only offers when
 * none of them was active. So the decision is the one a fresh advance would make, and two steps
 * finishing at once cannot both decide on a stale view (each sees the other still running and
 * declines: `decided` false, and the caller advances from fresh state instead). Returns the ids
 * this statement queued, and the finished run's labels (null when it did not finish it).
 */
export async function completeAndContinueSql(
  db: Sql,
  runId: string,
  stepId: string,
  attempt: number,
  output: JsonValue,
  next: { others: Record<string, string>; queue: string[]; finish?: { status: string; outcome: string; reason: string; outputs: JsonValue } },
): Promise<{ completed: boolean; decided: boolean; queued: string[]; finished: RunLabelsRow | null }> {
  const event = JSON.stringify({ step: stepId, attempt });
  const finish = next.finish;
  const runEvent = finish ? JSON.stringify({ outcome: finish.outcome, reason: finish.reason }) : null;
  const rows = await sqlText(db)<{ completed: number; decided: number; queued: string[] | null; finished: RunLabelsRow | null }>`
    WITH s AS (
      UPDATE step_runs SET status = 'succeeded', updated_at = (now() AT TIME ZONE 'UTC'), output = ${jsonParam(output)}::jsonb,
        error = NULL, wait = NULL, ended_at = (now() AT TIME ZONE 'UTC')
      WHERE run_id = ${runId}::uuid AND step_id = ${stepId} AND status = 'running' AND attempts = ${attempt} RETURNING id),
    a AS (UPDATE step_attempts SET status = 'succeeded', ended_at = (now() AT TIME ZONE 'UTC'), output = ${jsonParam(output)}::jsonb
      WHERE step_run_id IN (SELECT id FROM s) AND attempt = ${attempt}),
    ok AS (SELECT 1 AS yes WHERE EXISTS (SELECT 1 FROM s)
      AND EXISTS (SELECT 1 FROM runs WHERE id = ${runId}::uuid AND status = 'running')
      AND (SELECT COALESCE(jsonb_object_agg(step_id, status), '{}'::jsonb) FROM step_runs WHERE run_id = ${runId}::uuid AND step_id <> ${stepId}) = ${JSON.stringify(next.others)}::jsonb),
    wanted AS (SELECT value AS step_id, ord FROM jsonb_array_elements_text(${JSON.stringify(next.queue)}::jsonb) WITH ORDINALITY AS t(value, ord)),
    q AS (UPDATE step_runs SET status = 'queued', updated_at = (now() AT TIME ZONE 'UTC')
      WHERE run_id = ${runId}::uuid AND status = 'pending' AND step_id IN (SELECT step_id FROM wanted) AND EXISTS (SELECT 1 FROM ok) RETURNING step_id),
    moved AS (SELECT q.step_id, wanted.ord FROM q JOIN wanted USING (step_id)),
    r AS (UPDATE runs SET status = ${finish?.status ?? null}, outcome = ${finish?.outcome ?? null}, reason = ${finish?.reason ?? null},
        ended_at = (now() AT TIME ZONE 'UTC'), outputs = ${jsonParam(finish?.outputs)}::jsonb
      WHERE id = ${runId}::uuid AND status = 'running' AND ${finish !== undefined}::boolean AND EXISTS (SELECT 1 FROM ok)
      RETURNING id, playbook_name, trigger, outcome, started_at, ended_at),
    -- One insert, ordered, so the live view reads the success before what it caused.
    e AS (INSERT INTO run_events (run_id, type, data)
      SELECT ${runId}::uuid, type, data FROM (
        SELECT 1 AS seq, 'step.succeeded' AS type, ${event}::jsonb AS data FROM s
        UNION ALL
        SELECT 2, 'steps.queued', jsonb_build_object('steps', jsonb_agg(step_id ORDER BY ord)) FROM moved HAVING count(*) > 0
        UNION ALL
        SELECT 3, ${`run.${finish?.status ?? 'none'}`}::text, ${runEvent}::jsonb FROM r
      ) ordered ORDER BY seq)
    SELECT (SELECT count(*) FROM s)::int AS completed, (SELECT count(*) FROM ok)::int AS decided,
      (SELECT array_agg(step_id ORDER BY ord) FROM moved) AS queued,
      (SELECT jsonb_build_object('playbook', playbook_name, 'trigger', trigger->>'type', 'outcome', outcome,
        'seconds', EXTRACT(EPOCH FROM (ended_at - started_at))::float8) FROM r) AS finished`;
  const row = rows[0];
  return { completed: (row?.completed ?? 0) > 0, decided: (row?.decided ?? 0) > 0, queued: row?.queued ?? [], finished: row?.finished ?? null };
}

/** running → waiting with its wait; the run shows `waiting` while nothing of it is queued or running. */
export async function parkStepSql(db: Sql, runId: string, stepId: string, wait: JsonValue, event: JsonValue): Promise<boolean> {
  return one(await sqlText(db)<{ n: number }>`
    WITH s AS (UPDATE step_runs SET status = 'waiting', wait = ${jsonParam(wait)}::jsonb, updated_at = (now() AT TIME ZONE 'UTC')
      WHERE run_id = ${runId}::uuid AND step_id = ${stepId} AND status = 'running' RETURNING id),
    e AS (INSERT INTO run_events (run_id, type, data) SELECT ${runId}::uuid, 'step.waiting', ${jsonParam(event)}::jsonb FROM s),
    -- The snapshot still shows the parked step as running: leave it out of the check.
    r AS (UPDATE runs SET status = 'waiting' WHERE id = ${runId}::uuid AND status = 'running' AND EXISTS (SELECT 1 FROM s)
      AND NOT EXISTS (SELECT 1 FROM step_runs o WHERE o.run_id = ${runId}::uuid AND o.status IN ('queued', 'running') AND o.id NOT IN (SELECT id FROM s)))
    SELECT count(*)::int AS n FROM s`);
}

/** The pending rows of a foreach step's items (`<id>[<index>]`), copied from the parent's; idempotent. */
export async function expandForeachSql(db: Sql, runId: string, stepId: string, count: number): Promise<void> {
  await sqlText(db)`
    INSERT INTO step_runs (id, run_id, step_id, action, position, status, updated_at)
    SELECT gen_random_uuid(), p.run_id, p.step_id || '[' || i || ']', p.action, p.position, 'pending', (now() AT TIME ZONE 'UTC')
    FROM step_runs p CROSS JOIN generate_series(0, ${count}::int - 1) AS i
    WHERE p.run_id = ${runId}::uuid AND p.step_id = ${stepId}
    ON CONFLICT (run_id, step_id) DO NOTHING`;
}
