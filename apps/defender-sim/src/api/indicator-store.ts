import type { Principal } from '../auth/bearer-auth';
import { ROLES } from '../auth/roles';
import type { SimContext } from '../sim-context';
import type { Indicator } from '../state/entities';
import { toDefenderTime } from '../state/time';
import type { IndicatorInput } from './indicator-input';

/** With Ti.ReadWrite (not .All) an app only sees its own indicators (REFERENCE §6.2). */
export function visibleIndicators(sim: SimContext, principal: Principal): Indicator[] {
  const all = [...sim.store.indicators.values()];
  if (principal.roles.includes(ROLES.tiReadWriteAll)) return all;
  return all.filter((i) => i.createdBy.toLowerCase() === principal.clientId.toLowerCase());
}

/** Creates, or updates the indicator with the same value and type (REFERENCE §6.2). */
export function upsertIndicator(sim: SimContext, principal: Principal, input: IndicatorInput): Indicator {
  const now = toDefenderTime(sim.now());
  const existing = [...sim.store.indicators.values()].find((i) => i.indicatorType === input.indicatorType && i.indicatorValue.toLowerCase() === input.indicatorValue.toLowerCase());
  const rbacGroupNames = typeof input.rbacGroupNames === 'string' ? input.rbacGroupNames.split(',').map((s) => s.trim()).filter(Boolean) : input.rbacGroupNames;
  const changes = {
    action: input.action,
    title: input.title,
    description: input.description,
    expirationTime: input.expirationTime ?? null,
    severity: input.severity ?? 'Informational',
    recommendedActions: input.recommendedActions ?? null,
    rbacGroupNames: rbacGroupNames ?? [],
    educateUrl: input.educateUrl ?? null,
    generateAlert: input.generateAlert ?? false,
    lastUpdateTime: now,
    lastUpdatedBy: principal.clientId,
  };
  if (existing) {
    // `application` can only be set at creation.
    Object.assign(existing, changes);
    return existing;
  }
  const indicator: Indicator = {
    id: sim.store.allocateIndicatorId(),
    indicatorValue: input.indicatorValue,
    indicatorType: input.indicatorType,
    application: input.application ?? null,
    source: principal.displayName,
    sourceType: 'AadApp',
    createdBy: principal.clientId,
    createdBySource: 'PublicApi',
    createdByDisplayName: principal.displayName,
    creationTimeDateTimeUtc: now,
    rbacGroupIds: [],
    externalID: null,
    mitreTechniques: [],
    category: 1,
    historicalDetection: false,
    ...changes,
  };
  sim.store.indicators.set(indicator.id, indicator);
  return indicator;
}
