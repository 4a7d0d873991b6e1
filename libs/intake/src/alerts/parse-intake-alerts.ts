import { defenderAlertSchema, graphAlertSchema, INTAKE_MAX_ALERTS_PER_REQUEST, type JsonValue, type Problem } from '@soar/contracts';
import type { z } from 'zod';
import type { IntakeAlert } from './intake-alert';
import { normalizeGraphAlert } from './normalize-graph-alert';

type Obj = { [key: string]: JsonValue };
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A webhook body as alerts: one alert, a list, or an OData page `{ value: [...] }`; each item a
 * Defender alert or a Graph alerts_v2 alert (told apart by `lastUpdateDateTime`). Every problem is
 * reported with its path; nothing is accepted unless everything is.
 */
export function parseIntakeAlerts(body: unknown): { ok: true; alerts: IntakeAlert[] } | { ok: false; problems: Problem[] } {
  let items: { value: unknown; path: string }[];
  if (Array.isArray(body)) items = body.map((value, i) => ({ value, path: `body[${i}]` }));
  else if (isObj(body) && Array.isArray(body.value) && body.id === undefined) items = body.value.map((value, i) => ({ value, path: `body.value[${i}]` }));
  else if (isObj(body)) items = [{ value: body, path: 'body' }];
  else return { ok: false, problems: [{ path: 'body', message: 'send an alert object, a list of alerts or { "value": [alerts] }' }] };
  if (items.length === 0) return { ok: false, problems: [{ path: 'body', message: 'the list of alerts is empty' }] };
  if (items.length > INTAKE_MAX_ALERTS_PER_REQUEST) {
    return { ok: false, problems: [{ path: 'body', message: `at most ${INTAKE_MAX_ALERTS_PER_REQUEST} alerts per request (got ${items.length})` }] };
  }
  const problems: Problem[] = [];
  const alerts: IntakeAlert[] = [];
  for (const { value, path } of items) {
    const parsed = parseOne(value, path);
    if ('problems' in parsed) problems.push(...parsed.problems);
    else alerts.push(parsed);
  }
  return problems.length ? { ok: false, problems } : { ok: true, alerts };
}

export function parseOne(value: unknown, path: string): IntakeAlert | { problems: Problem[] } {
  if (!isObj(value)) return { problems: [{ path, message: 'an alert is a JSON object' }] };
  const isGraph = 'lastUpdateDateTime' in value;
  const result = (isGraph ? graphAlertSchema : defenderAlertSchema).safeParse(value);
  if (!result.success) return { problems: issues(result.error, path) };
  if (isGraph) {
    const alert = normalizeGraphAlert(value);
    return { id: String(alert.id), version: canonicalTime(String(value.lastUpdateDateTime)), alert, raw: value };
  }
  return { id: String(value.id), version: canonicalTime(String(value.lastUpdateTime)), alert: value, raw: value };
}

/** One spelling per instant, so the same version sent by two sources is one version. */
export function canonicalTime(text: string): string {
  // Keep sub-millisecond digits (Defender sends 7): compare on them too, but normalise the zone.
  const match = /^(.*T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text.trim());
  const date = new Date(text);
  if (!match || (match[3] && match[3].toUpperCase() !== 'Z')) return date.toISOString();
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return `${match[1]}${fraction === '.' ? '' : fraction}Z`;
}

function issues(error: z.ZodError, path: string): Problem[] {
  return error.issues.map((i) => ({ path: [path, ...i.path.map(String)].join('.'), message: i.message, code: i.code }));
}
