import { randomUUID } from 'node:crypto';
import type { RunStatus } from '@soar/contracts';
import type { ApprovalDecisions, ApprovalForDecision, ApprovalRecord, ApprovalStore } from '@soar/engine';
import { sqlOf, type Db } from './prisma-client.factory';
import { sqlText } from './run-transition.sql';

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
export class PrismaApprovalStore implements ApprovalStore, ApprovalDecisions {
  constructor(private readonly db: Db) {}

  /**
   * One statement (it is on the path of every run that parks for a decision; Prisma's upsert took
   * four): inserts the approval, or returns the one this step attempt already opened.
   */
  async open(request: Parameters<ApprovalStore['open']>[0]): Promise<ApprovalRecord> {
    const rows = await sqlText(sqlOf(this.db))<Row>`
      INSERT INTO approvals (id, run_id, step_id, attempt, prompt, approvers, status, default_decision, allow_self_approval, created_at, expires_at)
      VALUES (${randomUUID()}::uuid, ${request.runId}::uuid, ${request.stepId}, ${request.attempt}::int, ${request.prompt}, ${request.approvers}::text[], 'pending',
        ${request.defaultDecision}, ${request.allowSelfApproval ?? false}::boolean, (now() AT TIME ZONE 'UTC'), (${request.expiresAt}::timestamptz AT TIME ZONE 'UTC'))
      ON CONFLICT (run_id, step_id, attempt) DO UPDATE SET run_id = approvals.run_id
      RETURNING id::text, status, decision, decided_by AS "decidedBy", comment,
        decided_at AT TIME ZONE 'UTC' AS "decidedAt", expires_at AT TIME ZONE 'UTC' AS "expiresAt"`;
    return toRecord(rows[0]!);
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

  /** pending (not expired, run active) → decided, with its event in the same transaction. */
  decide(id: string, decision: { decision: 'approve' | 'reject'; decidedBy: string; decidedSource: string; comment: string | null }): Promise<{ decidedAt: string } | null> {
    return this.db.$transaction(async (tx) => {
      const decidedAt = new Date();
      const { count } = await tx.approval.updateMany({
        where: { id, status: 'pending', expiresAt: { gt: decidedAt }, run: { status: { in: ['queued', 'running', 'waiting'] } } },
        data: { status: 'decided', decision: decision.decision, decidedBy: decision.decidedBy, decidedSource: decision.decidedSource, comment: decision.comment, decidedAt },
      });
      if (count === 0) return null;
      const row = await tx.approval.findUniqueOrThrow({ where: { id }, select: { runId: true, stepId: true } });
      await tx.runEvent.create({ data: { runId: row.runId, type: 'approval.decided', data: { step: row.stepId, decision: decision.decision, by: decision.decidedBy, source: decision.decidedSource } } });
      return { decidedAt: decidedAt.toISOString() };
    });
  }

  async find(id: string): Promise<ApprovalForDecision | null> {
    const row = await this.db.approval.findUnique({ where: { id }, include: { run: { select: { status: true, startedBy: true } } } });
    if (!row) return null;
    return {
      id: row.id,
      runId: row.runId,
      stepId: row.stepId,
      attempt: row.attempt,
      approvers: row.approvers,
      status: row.status as ApprovalForDecision['status'],
      expiresAt: row.expiresAt.toISOString(),
      runStatus: row.run.status as RunStatus,
      runStartedBy: row.run.startedBy,
      allowSelfApproval: row.allowSelfApproval,
      decision: row.decision as ApprovalForDecision['decision'],
      decidedBy: row.decidedBy,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      defaultDecision: row.defaultDecision as ApprovalForDecision['defaultDecision'],
    };
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
