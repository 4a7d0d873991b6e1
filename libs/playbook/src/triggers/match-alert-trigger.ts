import type { JsonValue } from '@soar/contracts';
import type { AlertMatch, TriggerDefinition } from '../model';

type Obj = { [key: string]: JsonValue };
const isObj = (v: JsonValue | undefined): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const lower = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' ? v.toLowerCase() : undefined);
const strings = (v: JsonValue | undefined): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()) : [];

/**
 * Whether a Defender alert starts a run of a playbook through this trigger. Every rule present in
 * `match` must hold (AND); a rule holds when the alert has one of its values (OR), compared
 * case-insensitively. A rule on a field the alert lacks does not hold. Manual triggers never match.
 *
 * Machine tags are not part of Defender's alert entity: the poller adds the machine's tags as
 * `machineTags` (or passes the machine as `machine`, whose `machineTags` are read).
 */
export function matchAlertTrigger(trigger: TriggerDefinition, alert: JsonValue): boolean {
  if (trigger.type !== 'alert' || !isObj(alert)) return false;
  const m: AlertMatch = trigger.match ?? {};
  const anyOf = (wanted: string[] | undefined, actual: string | undefined) =>
    wanted === undefined || (actual !== undefined && wanted.some((w) => w.toLowerCase() === actual));
  if (!anyOf(m.severity, lower(alert.severity))) return false;
  if (!anyOf(m.status, lower(alert.status))) return false;
  if (!anyOf(m.category, lower(alert.category))) return false;
  if (!anyOf(m.detection_source, lower(alert.detectionSource))) return false;
  if (m.title !== undefined) {
    const title = typeof alert.title === 'string' ? alert.title : undefined;
    if (title === undefined || !m.title.some((pattern) => globMatch(pattern, title))) return false;
  }
  if (m.machine_tags !== undefined) {
    const tags = new Set([...strings(alert.machineTags), ...(isObj(alert.machine) ? strings(alert.machine.machineTags) : [])]);
    if (!m.machine_tags.some((t) => tags.has(t.toLowerCase()))) return false;
  }
  if (m.evidence_types !== undefined) {
    const evidence = Array.isArray(alert.evidence) ? alert.evidence : [];
    const types = new Set(evidence.map((e) => (isObj(e) ? lower(e.entityType) : undefined)).filter((t) => t !== undefined));
    if (!m.evidence_types.some((t) => types.has(t.toLowerCase()))) return false;
  }
  return true;
}

/** `alert` triggers of a playbook that match the alert (for audit: which rule started the run). */
export function matchingTriggers(triggers: readonly TriggerDefinition[], alert: JsonValue): TriggerDefinition[] {
  return triggers.filter((t) => matchAlertTrigger(t, alert));
}

/**
 * Case-insensitive glob over the whole text: `*` is any run of characters, `?` one character.
 * The classic two-pointer algorithm: linear for typical patterns, never exponential.
 */
export function globMatch(pattern: string, text: string): boolean {
  const p = [...pattern.toLowerCase()];
  const t = [...text.toLowerCase().slice(0, 10_000)];
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === t[ti])) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}
