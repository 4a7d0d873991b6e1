import { randomUUID } from 'node:crypto';
import type { JsonValue } from '@soar/contracts';
import type { NewRunRecord } from '@soar/engine';
import type { PlaybookDefinition } from '@soar/playbook';
import { Prisma } from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { fromDbJson, toDbJson } from '../json';
import { runCreateWrites } from '../run.repository';

/** What makes a triggered run unique (see the trigger_firings table). */
export interface TriggerFiringKey {
  kind: 'alert' | 'schedule';
  connection: string;
  alertId: string;
  playbookName: string;
  triggerIndex: number;
  occurrence: string;
}

export type TriggeredCreate = { kind: 'started'; runId: string } | { kind: 'held' } | { kind: 'duplicate' };

/** A waiting firing's run, minus the definition (read again from its version when it starts). */
type HeldRun = Omit<NewRunRecord, 'definition' | 'id' | 'parent'> & { concurrency: number };

const ACTIVE_RUN_STATUSES = ['queued', 'running', 'waiting'];
export const DEFAULT_PLAYBOOK_CONCURRENCY = 20;
/**
 * Admissions of one playbook queue on its row lock; under a burst a transaction may wait for a
 * pooled connection and the lock longer than Prisma's 2 s/5 s defaults, which would fail the request.
 */
const ADMISSION_TX = { maxWait: 30_000, timeout: 30_000 };

/**
 * Runs that triggers start: the firing row and the run in one transaction (the firing's unique key
 * makes a repeat delivery write nothing), under the playbook's `concurrency`. Past it, or behind
 * firings already waiting, the firing is stored with its run's data and no run: `releaseHeld`
 * starts waiting firings in arrival order as runs finish, so nothing is dropped.
 */
export class TriggeredRunRepository {
  constructor(private readonly db: Db) {}

  async create(run: NewRunRecord, firing: TriggerFiringKey): Promise<TriggeredCreate> {
    const concurrency = run.definition.concurrency ?? DEFAULT_PLAYBOOK_CONCURRENCY;
    const id = randomUUID();
    try {
      return await this.db.$transaction(async (tx) => {
        // One admission at a time per playbook, so the count below stays true until commit.
        await tx.$queryRaw`SELECT id FROM playbooks WHERE name = ${run.playbookName} FOR UPDATE`;
        const free = await freeSlots(tx, run.playbookName, concurrency);
        const waiting = await tx.triggerFiring.count({ where: { playbookName: run.playbookName, runId: null } });
        if (free > 0 && waiting === 0) {
          await tx.triggerFiring.create({ data: { ...firing, runId: id } });
          for (const write of runCreateWrites(tx, id, run)) await write;
          return { kind: 'started', runId: id };
        }
        const held: HeldRun = {
          playbookVersionId: run.playbookVersionId,
          playbookName: run.playbookName,
          playbookVersion: run.playbookVersion,
          inputs: run.inputs,
          trigger: run.trigger,
          startedBy: run.startedBy,
          concurrency,
        };
        await tx.triggerFiring.create({ data: { ...firing, held: toDbJson(held as unknown as JsonValue) as object } });
        return { kind: 'held' };
      }, ADMISSION_TX);
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002') return { kind: 'duplicate' };
      throw error;
    }
  }

  /** Starts waiting firings, oldest first, while their playbook has free slots; returns the new run ids. */
  async releaseHeld(): Promise<string[]> {
    const playbooks = await this.db.triggerFiring.findMany({ where: { runId: null }, distinct: ['playbookName'], select: { playbookName: true } });
    const started: string[] = [];
    for (const { playbookName } of playbooks) {
      started.push(
        ...(await this.db.$transaction(async (tx) => {
          await tx.$queryRaw`SELECT id FROM playbooks WHERE name = ${playbookName} FOR UPDATE`;
          const next = await tx.triggerFiring.findFirst({ where: { playbookName, runId: null }, orderBy: { seq: 'asc' } });
          if (!next) return [];
          const concurrency = (fromDbJson(next.held) as unknown as HeldRun | null)?.concurrency ?? DEFAULT_PLAYBOOK_CONCURRENCY;
          const free = await freeSlots(tx, playbookName, concurrency);
          if (free <= 0) return [];
          const firings = await tx.triggerFiring.findMany({ where: { playbookName, runId: null }, orderBy: { seq: 'asc' }, take: free });
          const ids: string[] = [];
          for (const f of firings) {
            const held = fromDbJson(f.held) as unknown as HeldRun;
            const version = await tx.playbookVersion.findUnique({ where: { id: held.playbookVersionId }, select: { definition: true } });
            if (!version) continue;
            const id = randomUUID();
            await tx.triggerFiring.update({ where: { id: f.id }, data: { runId: id, held: Prisma.DbNull } });
            for (const write of runCreateWrites(tx, id, { ...held, definition: version.definition as unknown as PlaybookDefinition })) await write;
            ids.push(id);
          }
          return ids;
        }, ADMISSION_TX)),
      );
    }
    return started;
  }

  /** Firings waiting for a slot, per playbook. */
  async heldCounts(): Promise<Map<string, number>> {
    const rows = await this.db.triggerFiring.groupBy({ by: ['playbookName'], where: { runId: null }, _count: { _all: true } });
    return new Map(rows.map((r) => [r.playbookName, r._count._all]));
  }
}

async function freeSlots(tx: Prisma.TransactionClient, playbookName: string, concurrency: number): Promise<number> {
  const active = await tx.run.count({ where: { playbookName, status: { in: ACTIVE_RUN_STATUSES }, parentRunId: null } });
  return concurrency - active;
}
