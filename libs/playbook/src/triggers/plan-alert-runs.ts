import type { JsonValue } from '@soar/contracts';
import type { PlaybookDefinition } from '../model';
import { matchAlertTrigger } from './match-alert-trigger';

/** What intake knows about the alert version being matched. */
export interface AlertVersionContext {
  alertId: string;
  /** The alert's `lastUpdateTime` (ISO-8601): one alert version. */
  version: string;
  /** True when this is the first version of the alert intake has stored. */
  firstSeen: boolean;
}

/** One run an alert version should start: the trigger (by position) and its exactly-once key. */
export interface AlertRunPlan {
  triggerIndex: number;
  /**
   * `once` for a creation trigger (one run per alert, whichever version first matches), or the
   * alert version for a trigger that also fires on updates (one run per version). Stored in a
   * unique key with connection, alert id, playbook and trigger, so a repeat delivery is a no-op.
   */
  occurrence: string;
  inputs: Record<string, JsonValue>;
}

/**
 * Which of a playbook's alert triggers an alert version fires. Pure: the caller stores the alert,
 * knows whether the version is the first one seen, and writes each plan with its unique key.
 */
export function planAlertRuns(playbook: PlaybookDefinition, alert: JsonValue, context: AlertVersionContext): AlertRunPlan[] {
  const plans: AlertRunPlan[] = [];
  playbook.triggers.forEach((trigger, triggerIndex) => {
    if (trigger.type !== 'alert' || !matchAlertTrigger(trigger, alert)) return;
    const on = trigger.on ?? ['created'];
    const onUpdates = on.includes('updated');
    if (!on.includes('created') && context.firstSeen) return;
    plans.push({ triggerIndex, occurrence: onUpdates ? context.version : 'once', inputs: alertInputs(playbook, context.alertId) });
  });
  return plans;
}

/** Inputs declared with `format: alert_id` receive the alert's id; others keep their defaults. */
function alertInputs(playbook: PlaybookDefinition, alertId: string): Record<string, JsonValue> {
  const inputs: Record<string, JsonValue> = {};
  for (const input of playbook.inputs) {
    if (input.type === 'string' && input.format === 'alert_id') inputs[input.name] = alertId;
  }
  return inputs;
}
