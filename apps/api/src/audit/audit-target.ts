import { HTTP_ROUTES, type HttpRouteId } from '@soar/contracts';

/** What a route acts on, from its path parameters: `playbook:<name>`, `run:<id>`, `approval:<id>`, `connection:<name>`, `key:<id>`. */
export function auditTarget(id: HttpRouteId, params: Record<string, string | undefined>): string | null {
  const { tag } = HTTP_ROUTES[id];
  if (params['name']) return `${tag === 'connections' ? 'connection' : 'playbook'}:${params['name']}`;
  if (params['id']) return `${tag === 'approvals' ? 'approval' : tag === 'access' ? 'key' : 'run'}:${params['id']}`;
  return null;
}

/**
 * What a write produced, from the handler's answer, in a few words and never a secret (the created
 * key is left out): `run:<id>`, `version:3`, `approve`. Routes whose target is in the body rather than
 * the path (a saved playbook, a created key) get it from the answer too.
 */
export function auditResult(result: unknown): { outcome: string | null; target: string | null } {
  if (typeof result !== 'object' || result === null) return { outcome: null, target: null };
  const r = result as Record<string, unknown>;
  if (typeof r['runId'] === 'string' && typeof r['decision'] === 'string') return { outcome: `${r['decision']} (run:${r['runId']})`, target: null };
  if (typeof r['runId'] === 'string') return { outcome: `run:${r['runId']}`, target: null };
  if (typeof r['key'] === 'string' && typeof r['id'] === 'string') return { outcome: `roles:${String(r['roles'])}`, target: `key:${r['id']} (${String(r['name'])})` };
  if (typeof r['name'] === 'string' && typeof r['version'] === 'number') return { outcome: `version:${r['version']}`, target: `playbook:${r['name']}` };
  return { outcome: null, target: null };
}
