import type { ConnectionCheckAction } from '../check-connection';

/** The parts of a playbook a readiness check needs (a PlaybookDefinition fits). */
export interface PlaybookForCheck {
  name: string;
  version: number;
  enabled: boolean;
  steps: ReadonlyArray<{ id: string; action: string }>;
  on_failure: ReadonlyArray<{ id: string; action: string }>;
}

export interface PlaybookReadiness {
  playbook: string;
  version: number;
  enabled: boolean;
  /** Every Defender step of the playbook is permitted on this connection. */
  runnable: boolean;
  /** The steps that would be refused, each with what to grant. */
  missing: { step: string; action: string; missing: string[] }[];
}

/**
 * Which playbooks can run on a connection, from the connection check's per-action verdicts: a
 * playbook is runnable when every step's action (main and on_failure) is permitted. Actions the
 * check does not know (core.*) need no Defender permission.
 */
export function playbookReadiness(playbooks: readonly PlaybookForCheck[], actions: readonly ConnectionCheckAction[]): PlaybookReadiness[] {
  const byName = new Map(actions.map((a) => [a.action, a]));
  return playbooks.map((p) => {
    const missing = [...p.steps, ...p.on_failure]
      .map((s) => ({ step: s.id, action: s.action, verdict: byName.get(s.action) }))
      .filter((s) => s.verdict !== undefined && !s.verdict.granted)
      .map((s) => ({ step: s.step, action: s.action, missing: s.verdict!.missing }));
    return { playbook: p.name, version: p.version, enabled: p.enabled, runnable: missing.length === 0, missing };
  });
}
