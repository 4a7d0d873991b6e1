import type { RequestLogEntry, SimulatorControlClient } from '@soar/defender-sim';
import type { Db } from '@soar/persistence';
import type { PlannedRun } from './chaos-plan';

type SimState = Awaited<ReturnType<SimulatorControlClient['state']>>;

/** A run the test started: what the plan asked for and where it points. */
export interface StartedRun {
  plan: PlannedRun;
  runId: string;
  alertId: string;
  machineId: string;
}

export interface VerifyInput {
  db: Db;
  playbook: string;
  started: StartedRun[];
  state: SimState;
  requests: RequestLogEntry[];
  /** Machine actions that existed before the chaos began (seed history, the warm-up release). */
  actionsBefore: Set<string>;
  /** Time windows in which Redis was down or just back (jobs lost: a retry may legitimately run early). */
  redisOutages: { from: number; to: number }[];
}

export interface VerifyReport {
  problems: string[];
  stats: {
    succeeded: number;
    failedAsForced: number;
    attempts: number;
    failedAttempts: number;
    abandonedAttempts: number;
    throttledRetriesChecked: number;
    isolateActions: number;
    adoptedIsolations: number;
  };
}

const STEPS = ['get_alert', 'isolate', 'comment', 'release'];
const tag = (runId: string, stepId: string) => `[soar run=${runId} step=${stepId}]`;

/**
 * Checks every invariant of the chaos test and returns every violation found (not just the first),
 * so one failing run explains itself.
 */
export async function verifyChaos(input: VerifyInput): Promise<VerifyReport> {
  const { db, started, state } = input;
  const problems: string[] = [];
  const stats: VerifyReport['stats'] = {
    succeeded: 0,
    failedAsForced: 0,
    attempts: 0,
    failedAttempts: 0,
    abandonedAttempts: 0,
    throttledRetriesChecked: 0,
    isolateActions: 0,
    adoptedIsolations: 0,
  };

  // 1. No run lost: Postgres holds exactly the runs the API accepted.
  const rows = await db.run.findMany({
    where: { playbookName: input.playbook },
    include: { steps: { include: { history: { orderBy: { attempt: 'asc' } } }, orderBy: { position: 'asc' } } },
  });
  const startedIds = new Set(started.map((s) => s.runId));
  if (rows.length !== started.length) problems.push(`Postgres has ${rows.length} ${input.playbook} runs; the API accepted ${started.length}`);
  for (const row of rows) if (!startedIds.has(row.id)) problems.push(`run ${row.id} is in Postgres but was never started by the test`);
  const byId = new Map(rows.map((r) => [r.id, r]));

  // The event log: one terminal event per run, one success (or final failure) per step.
  const events = await db.runEvent.findMany({ where: { runId: { in: [...startedIds] } }, select: { runId: true, type: true, data: true } });
  const eventCount = new Map<string, number>();
  for (const e of events) {
    const step = (e.data as any)?.step;
    const key = `${e.runId} ${e.type}${step && e.type.startsWith('step.') ? ` ${step}` : ''}`;
    eventCount.set(key, (eventCount.get(key) ?? 0) + 1);
  }

  const newActions = state.machineActions.filter((a: any) => !input.actionsBefore.has(a.id));
  const alerts = new Map(state.alerts.map((a: any) => [a.id, a]));

  for (const s of started) {
    const label = `run #${s.plan.index} ${s.runId} (${s.plan.machine}${s.plan.forced ? `, isolate forced ${s.plan.forced}` : ''})`;
    const run = byId.get(s.runId);
    if (!run) {
      problems.push(`${label}: missing from Postgres`);
      continue;
    }
    const steps = new Map(run.steps.map((step) => [step.stepId, step]));
    const expected = s.plan.forced ? 'failed' : 'succeeded';

    // 2. Terminal, and failed only where the plan forced the isolation to fail; the outcome says the same.
    if (run.outcome !== expected) problems.push(`${label}: outcome ${run.outcome}, expected ${expected}`);
    const ending = events.find((e) => e.runId === s.runId && e.type === `run.${run.status}`);
    if ((ending?.data as { outcome?: string } | undefined)?.outcome !== run.outcome) problems.push(`${label}: its run.${run.status} event does not carry outcome ${run.outcome}`);
    if (run.status !== expected) {
      problems.push(`${label}: status ${run.status}, expected ${expected}; steps ${run.steps.map((st) => `${st.stepId}=${st.status}(${JSON.stringify(st.error)})`).join(' ')}`);
    } else if (expected === 'succeeded') {
      stats.succeeded++;
      for (const id of STEPS) if (steps.get(id)?.status !== 'succeeded') problems.push(`${label}: step ${id} is ${steps.get(id)?.status}`);
      const isolated = steps.get('isolate')?.output as any;
      if (isolated?.already !== false || isolated?.action?.type !== 'Isolate' || isolated?.action?.status !== 'Succeeded' || isolated?.action?.machineId !== s.machineId) {
        problems.push(`${label}: isolate output is not a fresh Succeeded isolation of ${s.machineId}: ${JSON.stringify(isolated)}`);
      }
      if (isolated?.adopted) stats.adoptedIsolations++;
    } else {
      stats.failedAsForced++;
      const isolate = steps.get('isolate');
      const error = isolate?.error as any;
      if (isolate?.status !== 'failed' || error?.code !== 'DEFENDER_ACTION_FAILED' || error?.details?.status !== s.plan.forced) {
        problems.push(`${label}: isolate step ${isolate?.status} with ${JSON.stringify(error)}, expected DEFENDER_ACTION_FAILED/${s.plan.forced}`);
      }
      if (steps.get('get_alert')?.status !== 'succeeded') problems.push(`${label}: get_alert is ${steps.get('get_alert')?.status}`);
      for (const id of ['comment', 'release']) {
        const step = steps.get(id);
        if (!['skipped', 'cancelled'].includes(step?.status ?? '') || step?.history.length) {
          problems.push(`${label}: step ${id} after the failed isolation is ${step?.status} with ${step?.history.length} attempts`);
        }
      }
    }

    const ends = ['run.succeeded', 'run.failed', 'run.cancelled'].map((t) => [t, eventCount.get(`${s.runId} ${t}`) ?? 0] as const).filter(([, n]) => n > 0);
    if (ends.length !== 1 || ends[0]![0] !== `run.${run.status}` || ends[0]![1] !== 1) problems.push(`${label}: terminal events ${JSON.stringify(ends)} for a ${run.status} run`);
    if (!run.endedAt || !run.startedAt || run.endedAt < run.startedAt) problems.push(`${label}: started ${run.startedAt?.toISOString()}, ended ${run.endedAt?.toISOString()}`);
    for (const step of run.steps) {
      for (const t of ['succeeded', 'failed']) {
        const n = eventCount.get(`${s.runId} step.${t} ${step.stepId}`) ?? 0;
        const want = step.status === t ? 1 : 0;
        if (n !== want) problems.push(`${label}: ${n} step.${t} events for ${step.stepId} (${step.status})`);
      }
    }

    // 3. History complete: every step that ran has its attempts 1..n, each closed with timings.
    for (const step of run.steps) {
      const where = `${label} step ${step.stepId}`;
      const ran = step.status !== 'cancelled' && step.status !== 'skipped';
      if (ran && step.history.length === 0) problems.push(`${where}: ${step.status} without any attempt row`);
      if (step.history.length !== step.attempts) problems.push(`${where}: counter says ${step.attempts} attempts, ${step.history.length} rows kept`);
      step.history.forEach((a, i) => {
        stats.attempts++;
        if (a.status === 'failed') stats.failedAttempts++;
        if (a.status === 'abandoned') stats.abandonedAttempts++;
        if (a.attempt !== i + 1) problems.push(`${where}: attempt rows numbered ${step.history.map((h) => h.attempt).join(',')}`);
        if (!a.endedAt || a.endedAt < a.startedAt) problems.push(`${where} attempt ${a.attempt}: ${a.status}, started ${a.startedAt.toISOString()}, ended ${a.endedAt?.toISOString() ?? 'never'}`);
        const last = i === step.history.length - 1;
        if (last && a.status !== step.status) problems.push(`${where}: last attempt ${a.status} but the step is ${step.status}`);
        if (!last && a.status !== 'failed' && a.status !== 'abandoned') problems.push(`${where}: earlier attempt ${a.attempt} is ${a.status}`);
        if (a.status === 'failed' && !(a.error as any)?.code) problems.push(`${where} attempt ${a.attempt}: failed without an error code`);
        if (!a.workerId) problems.push(`${where} attempt ${a.attempt}: no worker id`);
        // Retry-After honoured: the attempt after a throttled one starts no earlier than Defender asked.
        const throttled = a.status === 'failed' && (a.error as any)?.code === 'DEFENDER_THROTTLED';
        const seconds = throttled ? Number(/retry in (\d+) s/.exec(String((a.error as any)?.message))?.[1]) : NaN;
        const next = step.history[i + 1];
        if (throttled && next && a.endedAt && Number.isFinite(seconds)) {
          const gapStart = a.endedAt.getTime();
          const gapEnd = next.startedAt.getTime();
          const duringOutage = input.redisOutages.some((o) => gapStart <= o.to && gapEnd >= o.from);
          if (!duringOutage) {
            stats.throttledRetriesChecked++;
            if (gapEnd - gapStart < seconds * 1000 - 250) problems.push(`${where}: attempt ${next.attempt} started ${gapEnd - gapStart} ms after a 429 asking for ${seconds} s`);
          }
        }
      });
      if (ran && (!step.startedAt || !step.endedAt)) problems.push(`${where}: ${step.status} without start/end time`);
    }

    // 4. Exactly one isolation per intended isolation, found by the step tag Defender keeps in the comment.
    const isolations = newActions.filter((a: any) => a.type === 'Isolate' && String(a.requestorComment).includes(tag(s.runId, 'isolate')));
    const wantedStatus = s.plan.forced ?? 'Succeeded';
    if (isolations.length !== 1 || isolations[0].machineId !== s.machineId || isolations[0].status !== wantedStatus) {
      problems.push(`${label}: ${isolations.length} Isolate actions for it (${isolations.map((a: any) => `${a.machineId}/${a.status}`).join(', ')}), expected exactly 1 on ${s.machineId} ending ${wantedStatus}`);
    }
    const releases = newActions.filter((a: any) => a.type === 'Unisolate' && String(a.requestorComment).includes(tag(s.runId, 'release')));
    const wantedReleases = s.plan.forced ? 0 : 1;
    if (releases.length !== wantedReleases) problems.push(`${label}: ${releases.length} Unisolate actions for it, expected ${wantedReleases}`);

    // 5. The alert got its comment once (a lost PATCH response must not append it twice).
    const alert: any = alerts.get(s.alertId);
    const comments = (alert?.comments ?? []).filter((c: any) => String(c.comment).includes(s.runId));
    if (comments.length !== (s.plan.forced ? 0 : 1)) problems.push(`${label}: alert ${s.alertId} has ${comments.length} comments naming the run`);
    if (!s.plan.forced && alert?.status !== 'InProgress') problems.push(`${label}: alert ${s.alertId} is ${alert?.status}, expected InProgress`);
  }

  // 6. Per machine: Isolate actions sent during the chaos = runs that meant to isolate it, none untagged.
  const perMachine = new Map<string, { planned: number; sent: number }>();
  for (const s of started) {
    const entry = perMachine.get(s.machineId) ?? { planned: 0, sent: 0 };
    entry.planned++;
    perMachine.set(s.machineId, entry);
  }
  for (const a of newActions.filter((x: any) => x.type === 'Isolate')) {
    stats.isolateActions++;
    const entry = perMachine.get(a.machineId) ?? { planned: 0, sent: 0 };
    entry.sent++;
    perMachine.set(a.machineId, entry);
  }
  for (const [machineId, { planned, sent }] of perMachine) {
    if (planned !== sent) problems.push(`machine ${machineId}: ${sent} Isolate actions sent, ${planned} intended`);
  }
  // Every run ended released (or its isolation failed), so no machine is left isolated.
  for (const m of state.machines as any[]) {
    if (perMachine.has(m.id) && m.isolated) problems.push(`machine ${m.computerDnsName} is still isolated at the end`);
  }
  // Every isolate POST that reached Defender's logic is accounted for by one action (no hidden duplicates).
  const performedIsolates = input.requests.filter((r) => r.method === 'POST' && /\/isolate$/.test(r.path) && (r.status === 201 || r.fault === 'drop-after-perform'));
  if (performedIsolates.length !== stats.isolateActions) {
    problems.push(`${performedIsolates.length} isolate calls were performed by the simulator but ${stats.isolateActions} Isolate actions exist`);
  }
  return { problems, stats };
}
