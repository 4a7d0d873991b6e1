import { badRequest } from '../http/api-error';
import { buildSeed } from '../seed/build-seed';
import { SEED } from '../seed/seed-ids';
import type { Alert } from '../state/entities';
import type { SimStore } from '../state/store';

/**
 * Template for a new alert: a SEED.alerts key (e.g. `highSeverityOnWindows`), an existing alert
 * id, or by default the high-severity Windows seed alert (built fresh when the store lacks it).
 */
export function resolveAlertTemplate(store: SimStore, tenantId: string, now: number, template?: string): Alert {
  const seedKey = template as keyof typeof SEED.alerts | undefined;
  const id = template === undefined ? SEED.alerts.highSeverityOnWindows : seedKey && seedKey in SEED.alerts ? SEED.alerts[seedKey] : template;
  const found = store.alerts.get(id) ?? buildSeed(now, tenantId).alerts.find((a) => a.id === id);
  if (!found) throw badRequest('InvalidInput', `Unknown alert template '${template}'. Use a SEED.alerts key or an existing alert id.`);
  return found;
}
