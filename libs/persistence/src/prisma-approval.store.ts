import { randomUUID } from 'node:crypto';
import type { ApprovalRecord, ApprovalStore } from '@soar/engine';
import type { Db } from './prisma-client.factory';

type Row = { id: string; status: string; decision: string | null; decidedBy: string | null; comment: string | null; decidedAt: Date | null; expiresAt: Date };

const toRecord = (row: Row): ApprovalRecord => ({
  id: row.id,
  status: row.status as ApprovalRecord['status'],
  decision: row.decision as ApprovalRecord['decision'],
  decidedBy: row.decidedBy,
  comment: row.comment,
  decidedAt: row.decidedAt?.toISOString() ?? null,
  expiresAt: row.expiresAt.toISOString(),
});

export interface PendingApprovalView {
  id: string;
  runId: string;
  stepId: string;
  playbook: string;
  prompt: string;
  approvers: string[];
  defaultDecision: string;
  createdAt: string;
  expiresAt: string;
}

/** Approvals in Postgres: opened once per step attempt, decided once (conditional update). */
export class PrismaApprovalStore implements ApprovalStore {
  constructor(private readonly db: Db) {}

  async open(request: Parameters<ApprovalStore['open']>[0]): Promise<ApprovalRecord> {
    const row = await this.db.approval.upsert({
      where: { runId_stepId_attempt: { runId: request.runId, stepId: request.stepId, attempt: request.attempt } },
      update: {},
      create: {
        id: randomUUID(),
        runId: request.runId,
        stepId: request.stepId,
        attempt: request.attempt,
        prompt: request.prompt,
        approvers: request.approvers,
        status: 'pending',
        defaultDecision: request.defaultDecision,
        expiresAt: new Date(request.expiresAt),
      },
    });
    return toRecord(row);
  }

  async get(id: string): Promise<ApprovalRecord | null> {
    const row = await this.db.approval.findUnique({ where: { id } });
    return row ? toRecord(row) : null;
  }

  async expire(id: string): Promise<boolean> {
    const row = await this.db.approval.findUnique({ where: { id }, select: { defaultDecision: true } });
    if (!row) return false;
    const { count } = await this.db.approval.updateMany({
      where: { id, status: 'pending' },
      data: { status: 'expired', decision: row.defaultDecision, decidedAt: new Date() },
    });
    return count === 1;
  }

  /** pending → decided; returns the decided approval, or null when it was not pending any more. */
  async decide(id: string, decision: { decision: 'approve' | 'reject'; decidedBy: string; comment: string | null }): Promise<ApprovalRecord & { runId: string; stepId: string; attempt: number } | null> {
    const { count } = await this.db.approval.updateMany({
      where: { id, status: 'pending', expiresAt: { gt: new Date() } },
      data: { status: 'decided', decision: decision.decision, decidedBy: decision.decidedBy, comment: decision.comment, decidedAt: new Date() },
    });
    if (count === 0) return null;
    const row = await this.db.approval.findUniqueOrThrow({ where: { id } });
    await this.db.runEvent.create({ data: { runId: row.runId, type: 'approval.decided', data: { step: row.stepId, decision: decision.decision, by: decision.decidedBy } } });
    return { ...toRecord(row), runId: row.runId, stepId: row.stepId, attempt: row.attempt };
  }

  async find(id: string) {
    return this.db.approval.findUnique({ where: { id } });
  }

  async listPending(limit = 100): Promise<PendingApprovalView[]> {
    const rows = await this.db.approval.findMany({
      where: { status: 'pending', run: { status: { in: ['queued', 'running', 'waiting'] } } },
      orderBy: { createdAt: 'asc' },
      take: limit,
      include: { run: { select: { playbookName: true } } },
    });
    return rows.map((r) => ({
      id: r.id,
      runId: r.runId,
      stepId: r.stepId,
      playbook: r.run.playbookName,
      prompt: r.prompt,
      approvers: r.approvers,
      defaultDecision: r.defaultDecision,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
    }));
  }
}
