import { useState } from 'react';
import { Link } from 'react-router';
import { useApprovals, useDecide, useRun } from '../../api/queries';
import type { DecisionResponse, PendingApproval } from '../../api/types';
import { ErrorMessage } from '../../ui/error-message';
import { formatTime, timeLeft } from '../../ui/time';
import { usePermissions } from '../auth/permissions-context';

/** Pending decisions of approval steps: the prompt, the run it holds, time left, approve or reject. */
export function ApprovalsPage() {
  const { data, error, isPending } = useApprovals();
  const [decided, setDecided] = useState<DecisionResponse[]>([]);
  return (
    <section aria-labelledby="approvals-heading">
      <h1 id="approvals-heading">Approvals</h1>
      <ul className="decided" aria-live="polite">
        {decided.map((d) => (
          <li key={d.id} className="notice">
            {d.decision === 'approve' ? 'Approved' : 'Rejected'} by {d.decidedBy}: <Link to={`/runs/${d.runId}`}>follow the run</Link>
          </li>
        ))}
      </ul>
      <ErrorMessage error={error} title="Could not load the approvals" />
      {isPending && <p className="muted">Loading approvals…</p>}
      {data && data.items.length === 0 && <p className="empty">No decision is waiting for you.</p>}
      <ul className="cards">
        {data?.items.map((a) => (
          <ApprovalCard key={a.id} approval={a} onDecided={(d) => setDecided((prev) => [d, ...prev])} />
        ))}
      </ul>
    </section>
  );
}

function ApprovalCard({ approval, onDecided }: { approval: PendingApproval; onDecided(d: DecisionResponse): void }) {
  const decide = useDecide();
  const { decideApprovals } = usePermissions();
  const [comment, setComment] = useState('');
  const commentId = `comment-${approval.id}`;
  const send = (decision: 'approve' | 'reject') =>
    decide.mutate({ id: approval.id, decision, ...(comment.trim() ? { comment: comment.trim() } : {}) }, { onSuccess: onDecided });
  return (
    <li className="card approval" aria-labelledby={`prompt-${approval.id}`}>
      <h2 id={`prompt-${approval.id}`}>{approval.prompt}</h2>
      <p className="muted">
        <Link to={`/runs/${approval.runId}`}>Run of {approval.playbook}</Link> · step <span className="mono">{approval.stepId}</span>
      </p>
      <p>
        Asked {formatTime(approval.createdAt)} · <strong>{timeLeft(approval.expiresAt)}</strong> (until {formatTime(approval.expiresAt)})
        {approval.defaultDecision ? <> · then {approval.defaultDecision === 'approve' ? 'approved' : 'rejected'} by default</> : null}
      </p>
      <p className="muted">Approvers: {approval.approvers.length ? approval.approvers.join(', ') : 'anyone'}</p>
      <RunContext runId={approval.runId} stepId={approval.stepId} />
      {decideApprovals ? (
        <>
          <div className="field">
            <label htmlFor={commentId}>Comment (optional)</label>
            <textarea id={commentId} rows={2} maxLength={4000} value={comment} onChange={(e) => setComment(e.target.value)} />
          </div>
          <div className="actions">
            <button type="button" disabled={decide.isPending} onClick={() => send('approve')}>
              Approve
            </button>
            <button type="button" className="danger" disabled={decide.isPending} onClick={() => send('reject')}>
              Reject
            </button>
          </div>
        </>
      ) : (
        <p className="muted">Your roles do not allow deciding approvals (an approver or admin may).</p>
      )}
      <ErrorMessage error={decide.error} title="The decision was not recorded" />
    </li>
  );
}

/** What the approver decides on: the run's inputs and the steps that wait on this decision. */
function RunContext({ runId, stepId }: { runId: string; stepId: string }) {
  const { data: run } = useRun(runId);
  if (!run) return null;
  const inputs = run.inputs && typeof run.inputs === 'object' && !Array.isArray(run.inputs) ? Object.entries(run.inputs) : [];
  const index = run.steps.findIndex((s) => s.id === stepId);
  const next = run.steps.slice(index + 1).filter((s) => s.status === 'pending');
  return (
    <dl className="facts compact">
      {inputs.map(([name, value]) => (
        <div key={name} className="fact">
          <dt>{name}</dt>
          <dd className="mono">{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
        </div>
      ))}
      {next.length > 0 && (
        <div className="fact">
          <dt>Pending steps</dt>
          <dd className="mono">{next.map((s) => s.action).join(' → ')}</dd>
        </div>
      )}
    </dl>
  );
}
