import type { PlaybookDefinition } from '@soar/playbook';
import { createTestDb, resetDatabase } from '@soar/testing';
import { PlaybookRepository } from './playbook.repository';
import type { Db } from './prisma-client.factory';
import { RunRepository } from './run.repository';
import { RunRetention } from './run-retention';

const definition = {
  name: 'retention-test',
  title: 'Retention test',
  description: '',
  tags: [],
  connection: 'default',
  inputs: [],
  triggers: [{ type: 'manual' }],
  steps: [{ id: 'only', action: 'defender.alert.get', with: {}, needs: [], retry: { attempts: 1, backoff: 'fixed', delay_seconds: 1, max_delay_seconds: 1 }, on_error: 'fail' }],
  on_failure: [],
  outputs: {},
} as unknown as PlaybookDefinition;

const DAY = 24 * 3600 * 1000;
const now = new Date('2026-12-01T12:00:00Z');

describe('RunRetention on the real Postgres', () => {
  let db: Db;
  let runs: RunRepository;
  let versionId: string;

  /** A run that ended `daysAgo` days before `now` with `status` (null = still active). */
  async function run(status: string, daysAgo: number | null, parentRunId?: string): Promise<string> {
    const id = await runs.create({ playbookVersionId: versionId, playbookName: 'retention-test', playbookVersion: 1, definition, inputs: {}, trigger: { type: 'manual' }, startedBy: 'tester' });
    await db.run.update({
      where: { id },
      data: { status, endedAt: daysAgo === null ? null : new Date(now.getTime() - daysAgo * DAY), ...(parentRunId ? { parentRunId, parentStepId: 'only', parentAttempt: 1 } : {}) },
    });
    await db.runEvent.create({ data: { runId: id, type: `run.${status}`, data: {} } });
    return id;
  }

  beforeAll(() => {
    db = createTestDb();
    runs = new RunRepository(db);
  });
  afterAll(() => db.$disconnect());
  beforeEach(async () => {
    await resetDatabase(db);
    await new PlaybookRepository(db).save('retention-test', 'src', definition, 'tester');
    versionId = (await new PlaybookRepository(db).latest('retention-test'))!.versionId;
  });

  it('deletes succeeded and cancelled runs past their retention, keeps failed ones longer, never touches active runs', async () => {
    const oldSucceeded = await Promise.all([run('succeeded', 40), run('succeeded', 31), run('cancelled', 35)]);
    const recentSucceeded = await run('succeeded', 29);
    const failedKept = await run('failed', 40);
    const failedOld = await run('failed', 400);
    const active = await run('waiting', null);
    const keptEvents = await db.runEvent.count({ where: { runId: failedKept } });

    const report = await new RunRetention(db).sweep({ succeededDays: 30, failedDays: 365, batchSize: 2 }, now);

    expect(report).toEqual({ succeeded: 3, failed: 1 });
    const left = (await db.run.findMany({ select: { id: true } })).map((r) => r.id).sort();
    expect(left).toEqual([recentSucceeded, failedKept, active].sort());
    // The deleted runs' history went with them (cascade), the kept runs' stayed.
    expect(await db.runEvent.count({ where: { runId: { in: [...oldSucceeded, failedOld] } } })).toBe(0);
    expect(await db.stepRun.count({ where: { runId: { in: oldSucceeded } } })).toBe(0);
    expect(keptEvents).toBeGreaterThan(0);
    expect(await db.runEvent.count({ where: { runId: failedKept } })).toBe(keptEvents);
  });

  it('0 days keeps that kind forever; a finished sub-run waits for its active parent', async () => {
    const parent = await run('running', null);
    const child = await run('succeeded', 100, parent);
    const orphanOld = await run('succeeded', 100);
    const failed = await run('failed', 5000);

    const report = await new RunRetention(db).sweep({ succeededDays: 30, failedDays: 0 }, now);

    expect(report).toEqual({ succeeded: 1, failed: 0 });
    const left = (await db.run.findMany({ select: { id: true } })).map((r) => r.id).sort();
    expect(left).toEqual([parent, child, failed].sort());
    expect(left).not.toContain(orphanOld);
  });
});
