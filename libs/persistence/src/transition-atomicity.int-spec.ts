import { randomBytes } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type { PlaybookDefinition } from '@soar/playbook';
import { createTestDb, testDatabaseUrl } from '@soar/testing';
import { PrismaClient } from './generated/prisma/client';
import { PlaybookRepository } from './playbook.repository';
import { PrismaApprovalStore } from './prisma-approval.store';
import type { Db } from './prisma-client.factory';
import { PrismaRunControlStore } from './prisma-run-control.store';
import { PrismaRunStore } from './prisma-run.store';
import { RunRepository } from './run.repository';

const TABLES = ['playbooks', 'playbook_versions', 'runs', 'step_runs', 'step_attempts', 'run_events', 'approvals'];

const step = (id: string, needs: string[]) => ({ id, action: 'core.set', with: {}, needs, retry: { attempts: 1, backoff: 'fixed', delay_seconds: 1, max_delay_seconds: 1 }, on_error: 'fail' });
const definition = {
  name: 'atomic',
  title: 'Atomic',
  description: '',
  tags: [],
  connection: 'default',
  inputs: [],
  triggers: [{ type: 'manual' }],
  steps: [step('first', []), step('second', ['first'])],
  on_failure: [],
  outputs: {},
} as unknown as PlaybookDefinition;

/**
 * "A state never exists without its event": each transition runs while inserting its run_events row
 * fails (a trigger raises, as a crash between the two statements would leave it), and the state
 * change must be rolled back with it. The tables are copies in a throwaway schema, so the trigger
 * cannot disturb anything else using the test database.
 */
describe('run transitions write state and event in one transaction', () => {
  const schema = `atomic_${randomBytes(4).toString('hex')}`;
  let admin: Db;
  let db: Db;
  let store: PrismaRunStore;
  let runId: string;

  /** The next inserted event of this type fails. */
  const failEvent = (type: string) => db.$executeRawUnsafe(`INSERT INTO ${schema}.fail_events VALUES ($1)`, type);
  const runStatus = async () => (await db.run.findUniqueOrThrow({ where: { id: runId } })).status;
  const stepStatus = async (stepId: string) => (await db.stepRun.findUniqueOrThrow({ where: { runId_stepId: { runId, stepId } } })).status;
  const eventTypes = async () => (await db.runEvent.findMany({ where: { runId }, orderBy: { id: 'asc' } })).map((e) => e.type);

  beforeAll(async () => {
    admin = createTestDb();
    await admin.$executeRawUnsafe(`CREATE SCHEMA ${schema}`);
    for (const table of TABLES) await admin.$executeRawUnsafe(`CREATE TABLE ${schema}.${table} (LIKE public.${table} INCLUDING ALL)`);
    await admin.$executeRawUnsafe(`CREATE TABLE ${schema}.fail_events (type text)`);
    await admin.$executeRawUnsafe(`
      CREATE FUNCTION ${schema}.fail_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM ${schema}.fail_events WHERE type = NEW.type) THEN
          RAISE EXCEPTION 'simulated failure writing event %', NEW.type;
        END IF;
        RETURN NEW;
      END $$`);
    await admin.$executeRawUnsafe(`CREATE TRIGGER fail_event BEFORE INSERT ON ${schema}.run_events FOR EACH ROW EXECUTE FUNCTION ${schema}.fail_event()`);
    // Prisma names the schema in its queries; raw SQL finds the tables through search_path.
    db = new PrismaClient({ adapter: new PrismaPg({ connectionString: testDatabaseUrl, max: 2, options: `-c search_path=${schema}` }, { schema }) });
    store = new PrismaRunStore(db);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await admin.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.$disconnect();
  });
  beforeEach(async () => {
    await db.$executeRawUnsafe(`TRUNCATE ${TABLES.join(', ')}, fail_events`);
    const playbooks = new PlaybookRepository(db);
    await playbooks.save('atomic', 'src', definition, 'tester');
    const latest = (await playbooks.latest('atomic'))!;
    runId = await new RunRepository(db).create({
      playbookVersionId: latest.versionId,
      playbookName: 'atomic',
      playbookVersion: latest.version,
      definition,
      inputs: {},
      trigger: { type: 'manual' },
      startedBy: 'tester',
    });
  });

  it('start: the run stays queued when run.running cannot be written', async () => {
    await failEvent('run.running');
    await expect(store.startRun(runId)).rejects.toThrow(/simulated failure/);
    expect(await runStatus()).toBe('queued');
    expect(await eventTypes()).toEqual(['run.queued']);
  });

  it('queue: the steps stay pending when steps.queued cannot be written', async () => {
    await store.startRun(runId);
    await failEvent('steps.queued');
    await expect(store.queueSteps(runId, ['first'])).rejects.toThrow(/simulated failure/);
    expect(await stepStatus('first')).toBe('pending');
  });

  it('skip: the step stays pending when step.skipped cannot be written', async () => {
    await failEvent('step.skipped');
    await expect(store.skipStep(runId, 'second', 'not needed')).rejects.toThrow(/simulated failure/);
    expect(await stepStatus('second')).toBe('pending');
  });

  it('park: the step stays running (and the run not waiting) when step.waiting cannot be written', async () => {
    await store.startRun(runId);
    await store.queueSteps(runId, ['first']);
    await store.claimStep(runId, 'first', { from: 'queued', expectedAttempts: 0, workerId: 'w', newAttempt: true });
    await failEvent('step.waiting');
    await expect(store.parkStep(runId, 'first', 1, { reason: 'timer', state: null, resumeAt: new Date().toISOString(), seq: 1 })).rejects.toThrow(/simulated failure/);
    expect(await stepStatus('first')).toBe('running');
    expect(await runStatus()).toBe('running');
  });

  it('finish, cancel and re-run: nothing changes when their event cannot be written', async () => {
    await store.startRun(runId);
    await failEvent('run.failed');
    await expect(store.finishRun(runId, 'failed', { outcome: 'failed', reason: 'x' })).rejects.toThrow(/simulated failure/);
    expect(await runStatus()).toBe('running');

    await failEvent('run.cancelled');
    await expect(new PrismaRunControlStore(db).cancelRunTree(runId, 'cancelled by test')).rejects.toThrow(/simulated failure/);
    expect(await runStatus()).toBe('running');

    await db.$executeRawUnsafe(`TRUNCATE fail_events`);
    await store.finishRun(runId, 'failed', { outcome: 'failed', reason: 'x' });
    await failEvent('run.rerun');
    await expect(new PrismaRunControlStore(db).prepareRerun(runId, 'tester')).rejects.toThrow(/simulated failure/);
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: 'failed', outcome: 'failed' });
  });

  it('approval decision: the approval stays pending when approval.decided cannot be written', async () => {
    await store.startRun(runId);
    const approvals = new PrismaApprovalStore(db);
    const opened = await approvals.open({ runId, stepId: 'first', attempt: 1, prompt: 'ok?', approvers: ['alice'], expiresAt: new Date(Date.now() + 60_000).toISOString(), defaultDecision: 'reject' });
    await failEvent('approval.decided');
    await expect(approvals.decide(opened.id, { decision: 'approve', decidedBy: 'alice', decidedSource: 'api-key', comment: null })).rejects.toThrow(/simulated failure/);
    expect((await approvals.get(opened.id))!.status).toBe('pending');
  });
});
