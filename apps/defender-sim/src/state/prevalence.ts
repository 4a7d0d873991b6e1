import type { Alert, Evidence } from './entities';

export interface Prevalence {
  machineIds: Set<string>;
  firstSeen: string | null;
  lastSeen: string | null;
  fileNames: string[];
}

/**
 * Organisation prevalence derived from alert evidence within the look-back window: the
 * simulator has no raw telemetry, and deriving keeps stats consistent with the evidence.
 */
export function prevalence(alerts: Iterable<Alert>, matches: (e: Evidence) => boolean, sinceMs: number): Prevalence {
  const machineIds = new Set<string>();
  const times: string[] = [];
  const names = new Map<string, number>();
  for (const alert of alerts) {
    for (const e of alert.evidence) {
      if (!matches(e) || Date.parse(e.evidenceCreationTime) < sinceMs) continue;
      machineIds.add(alert.machineId);
      times.push(e.evidenceCreationTime);
      if (e.fileName) names.set(e.fileName, (names.get(e.fileName) ?? 0) + 1);
    }
  }
  times.sort();
  return {
    machineIds,
    firstSeen: times[0] ?? null,
    lastSeen: times[times.length - 1] ?? null,
    fileNames: [...names.entries()].sort((a, b) => b[1] - a[1]).map(([n]) => n),
  };
}
