import type { RunStep } from '../../api/types';
import { JsonView } from '../../ui/json-view';
import { StatusBadge } from '../../ui/status-badge';
import { formatDuration, formatTime } from '../../ui/time';
import { StepError } from './step-error';
import { ActedAs } from './acted-as';

const WAIT_REASONS: Record<string, string> = {
  'defender-action': 'the Defender machine action to finish',
  approval: 'an approval',
  timer: 'a timer',
  'rate-limit': 'a Defender rate-limit slot',
  'sub-playbook': 'a sub-playbook run',
  retry: 'its next retry',
  foreach: 'its items to finish',
};

/** Each step in order: state, attempts, duration, what it waits for, parameters, output, errors. */
export function StepTimeline({ steps }: { steps: RunStep[] }) {
  return (
    <ol className="timeline" aria-label="Steps">
      {steps.map((step) => (
        <li key={step.id} className={`step step-${step.status}`} data-step={step.id} data-step-status={step.status}>
          <div className="step-head">
            <h3 className="mono">{step.id}</h3>
            <StatusBadge status={step.status} />
            <span className="muted mono">{step.action}</span>
          </div>
          <p className="muted">
            {step.attempts > 0 && <>Attempt {step.attempts} · </>}
            {step.startedAt ? (
              <>
                started {formatTime(step.startedAt)} · {formatDuration(step.startedAt, step.endedAt)}
              </>
            ) : (
              'not started'
            )}
          </p>
          {step.waitingFor && (
            <p className="waiting">
              Waiting for {WAIT_REASONS[step.waitingFor.reason] ?? step.waitingFor.reason}; next check {formatTime(step.waitingFor.resumeAt)}
            </p>
          )}
          <ActedAs actedAs={step.actedAs} />
          <StepError error={step.error} />
          <JsonView label="Parameters" value={step.params} />
          <JsonView label="Output" value={step.output} />
          {step.history.length > 1 && (
            <details>
              <summary>All {step.history.length} attempts</summary>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Attempt</th>
                    <th scope="col">State</th>
                    <th scope="col">Worker</th>
                    <th scope="col">Started</th>
                    <th scope="col">Duration</th>
                    <th scope="col">Error</th>
                  </tr>
                </thead>
                <tbody>
                  {step.history.map((a) => (
                    <tr key={a.attempt}>
                      <td>{a.attempt}</td>
                      <td>
                        <StatusBadge status={a.status} />
                      </td>
                      <td className="mono">{a.workerId}</td>
                      <td>{formatTime(a.startedAt)}</td>
                      <td>{formatDuration(a.startedAt, a.endedAt)}</td>
                      <td>
                        {a.error && typeof a.error === 'object' && !Array.isArray(a.error) ? String((a.error as { message?: string }).message ?? '') : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}
