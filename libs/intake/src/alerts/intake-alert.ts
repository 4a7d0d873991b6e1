import type { JsonValue } from '@soar/contracts';

/** An alert as intake handles it: Defender's shape, whichever source delivered it. */
export interface IntakeAlert {
  id: string;
  /** lastUpdateTime, ISO-8601: identifies the alert version. */
  version: string;
  /** The alert in Defender's shape (what `trigger.alert` and `alert` show to expressions). */
  alert: { [key: string]: JsonValue };
  /** The alert exactly as received (stored with the version). */
  raw: JsonValue;
}

export type IntakeSourceName = 'webhook' | 'defender-poller' | 'graph-poller';
