import { lazy, Suspense } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useRun, useRunControl } from '../../api/queries';
import { ACTIVE_RUN_STATUSES, type PlaybookDetail, type RunDetail, type RunEvent, type RunTrigger } from '../../api/types';
import { ErrorMessage } from '../../ui/error-message';
import { usePermissions } from '../auth/permissions-context';
import { JsonView } from '../../ui/json-view';
import { StatusBadge } from '../../ui/status-badge';
import { formatDuration, formatTime } from '../../ui/time';
import type { GraphStep } from './step-graph';
import { StepError } from './step-error';
import { EventLog } from './event-log';
import { StepTimeline } from './step-timeline';
import { useRunEvents, type StreamState } from './use-run-events';

// React Flow is only needed once a run with steps is on screen.
const StepGraph = lazy(() => import('./step-graph'));

const STREAM_LABEL: Record<StreamState, string> = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', ended: 'finished' };

/** One run, kept current over server-sent events: state, outcome, who started it, steps, controls. */
export function RunPage() {
  const { id = '' } = useParams();
  const { data: run, error, isPending } = useRun(id);
  const stream = useRunEvents(id);
  if (isPending) return <p className="muted">Loading the run…</p>;
  if (error || !run) return <ErrorMessage error={error} title="Could not load the run" />;
  return <RunView run={run} stream={stream.state} events={stream.events} />;
}

function RunView({ run, stream, events }: { run: RunDetail; stream: StreamState; events: RunEvent[] }) {
  const navigate = useNavigate();
  const { cancel, rerun } = useRunControl(run.id);
  const active = ACTIVE_RUN_STATUSES.includes(run.status);
  const { runPlaybooks } = usePermissions();
  // Null or absent for runs from before triggers were recorded.
  const trigger = run.trigger ?? null;
  return (
    <section aria-labelledby="run-heading">
      <p className="crumbs">
        <Link to="/runs">Runs</Link> / <span className="mono">{run.id}</span>
      </p>
      <div className="page-head">
        <h1 id="run-heading">
          Run of <Link to={`/playbooks/${run.playbook}`}>{run.playbook}</Link> <span className="muted">v{run.version}</span>
        </h1>
        <span className="muted" aria-label="Live updates">
          {active ? STREAM_LABEL[stream] : 'finished'}
        </span>
      </div>
      <dl className="facts">
        <dt>Status</dt>
        <dd aria-live="polite" data-run-status={run.status}>
          <StatusBadge status={run.status} />
        </dd>
        {run.outcome && (
          <>
            <dt>Outcome</dt>
            <dd data-run-outcome={run.outcome}>
              <StatusBadge status={run.outcome} />
            </dd>
          </>
        )}
        {run.reason && (
          <>
            <dt>Reason</dt>
            <dd>{run.reason}</dd>
          </>
        )}
        <dt>Started by</dt>
        <dd>
          {run.startedBy}
          {trigger && <TriggerText trigger={trigger} />}
        </dd>
        <dt>Created</dt>
        <dd>{formatTime(run.createdAt)}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(run.startedAt ?? run.createdAt, run.endedAt)}</dd>
      </dl>
      <div className="actions">
        {runPlaybooks && active && (
          <button
            type="button"
            className="danger"
            disabled={cancel.isPending}
            onClick={() => window.confirm('Cancel this run? Waiting Defender actions are cancelled too.') && cancel.mutate()}
          >
            Cancel run
          </button>
        )}
        {runPlaybooks && run.status === 'failed' && (
          <button type="button" disabled={rerun.isPending} onClick={() => rerun.mutate()}>
            Re-run from the failed step
          </button>
        )}
        {runPlaybooks && !active && (
          <button type="button" className="secondary" onClick={() => navigate(`/playbooks/${run.playbook}`)}>
            Start a new run
          </button>
        )}
      </div>
      <ErrorMessage error={cancel.error} title="Could not cancel" />
      <ErrorMessage error={rerun.error} title="Could not re-run" />
      <StepError error={run.error} />
      <JsonView label="Inputs" value={run.inputs} open />
      <JsonView label="Outputs" value={run.outputs} />
      <h2>Steps</h2>
      <RunGraph run={run} />
      <StepTimeline steps={run.steps} />
      <EventLog events={events} />
    </section>
  );
}

/** "manually", "from alert X" (linked to Defender's portal), "on schedule Y". */
function TriggerText({ trigger }: { trigger: RunTrigger }) {
  if (trigger.type === 'alert' && trigger.alertId) {
    return (
      <>
        {' '}
        from alert{' '}
        <a href={`https://security.microsoft.com/alerts/${encodeURIComponent(trigger.alertId)}`} target="_blank" rel="noreferrer" className="mono">
          {trigger.alertId}
        </a>
      </>
    );
  }
  if (trigger.type === 'schedule') return <> on schedule {trigger.schedule ?? ''}</>;
  return <> ({trigger.type})</>;
}

/** The graph needs the `needs` of the exact playbook version the run ran. */
function RunGraph({ run }: { run: RunDetail }) {
  const { data } = useQuery({
    queryKey: ['playbooks', run.playbook, 'versions', run.version],
    queryFn: () => api<PlaybookDetail>(`/playbooks/${encodeURIComponent(run.playbook)}/versions/${run.version}`),
    staleTime: Infinity,
  });
  if (!data || run.steps.length < 2) return null;
  return (
    <Suspense fallback={null}>
      <StepGraph steps={[...graphSteps(data.definition.steps), ...graphSteps(data.definition.on_failure)]} states={run.steps} />
    </Suspense>
  );
}

/** The contract types the normalized definition loosely (a record); its step lists are arrays of `{id, action, needs}`. */
function graphSteps(value: unknown): GraphStep[] {
  return Array.isArray(value) ? (value as GraphStep[]) : [];
}
