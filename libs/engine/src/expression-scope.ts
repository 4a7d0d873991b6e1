import type { JsonValue } from '@soar/contracts';
import type { ExpressionScope } from '@soar/playbook';
import type { RunSnapshot } from './ports/run-store';

/**
 * The values a step's expressions can see: inputs, outputs of finished steps, the alert, run
 * metadata. Never secrets: the step executor adds them only for the parameters an action declares
 * as credentials, so an expression anywhere else that reads one fails instead of leaking it.
 */
export function buildExpressionScope(snapshot: RunSnapshot): ExpressionScope {
  const steps: ExpressionScope['steps'] = {};
  for (const step of snapshot.steps) {
    steps[step.stepId] = { output: step.output ?? null, status: step.status };
  }
  const trigger = snapshot.run.trigger as { alert?: JsonValue } | null;
  return {
    inputs: snapshot.run.inputs,
    steps,
    alert: trigger?.alert ?? null,
    trigger: (snapshot.run.trigger ?? { type: 'manual' }) as JsonValue,
    run: {
      id: snapshot.run.id,
      playbook: snapshot.run.playbookName,
      version: snapshot.run.playbookVersion,
      started_by: snapshot.run.startedBy,
    },
  };
}
