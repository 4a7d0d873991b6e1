import { z } from 'zod';
import { ANY } from '../auth/roles';
import { badRequest, notFound } from '../http/api-error';
import { emptyResponse, odataResponse } from '../http/sim-response';
import { collectionResponse } from '../odata/collection';
import type { FilterFields } from '../odata/filter-evaluator';
import type { Indicator } from '../state/entities';
import { collectionRequest, type ApiContext, type ApiRoute } from './api-route';
import { entityResponse } from './entity-response';
import { checkIndicatorValue, failureReason, indicatorInputSchema } from './indicator-input';
import { upsertIndicator, visibleIndicators } from './indicator-store';
import { parseRequestBody } from './request-body';

const MAX_BATCH = 500;
const importSchema = z.strictObject({ Indicators: z.array(z.unknown()) });
const batchDeleteSchema = z.strictObject({ IndicatorIds: z.array(z.string()) });

/** `$filter` properties documented for GET /api/indicators (REFERENCE §6.2). */
const INDICATOR_FILTER_FIELDS: FilterFields<Indicator> = {
  application: { kind: 'string', get: (i) => i.application },
  createdByDisplayName: { kind: 'string', get: (i) => i.createdByDisplayName },
  expirationTime: { kind: 'datetime', get: (i) => i.expirationTime },
  generateAlert: { kind: 'boolean', get: (i) => i.generateAlert },
  title: { kind: 'string', get: (i) => i.title },
  rbacGroupNames: { kind: 'stringArray', get: (i) => i.rbacGroupNames },
  rbacGroupIds: { kind: 'numberArray', get: (i) => i.rbacGroupIds },
  indicatorValue: { kind: 'string', get: (i) => i.indicatorValue },
  indicatorType: { kind: 'string', get: (i) => i.indicatorType },
  creationTimeDateTimeUtc: { kind: 'datetime', get: (i) => i.creationTimeDateTimeUtc },
  createdBy: { kind: 'string', get: (i) => i.createdBy },
  action: { kind: 'string', get: (i) => i.action },
  severity: { kind: 'string', get: (i) => i.severity },
};

function checkBatchSize(count: number): void {
  if (count > MAX_BATCH) throw badRequest('MaximumBatchSizeExceeded', `Maximum batch size exceeded. Received: ${count}, allowed: ${MAX_BATCH}.`);
}

function findVisible(ctx: ApiContext, id: string): Indicator | undefined {
  return visibleIndicators(ctx.sim, ctx.principal).find((i) => i.id === id);
}

/** Custom indicators (REFERENCE §6). */
export const INDICATOR_ROUTES: ApiRoute[] = [
  {
    name: 'indicators.list', method: 'GET', path: '/indicators', roles: ANY.ti, group: 'default',
    handle: (ctx) => collectionResponse(collectionRequest(ctx), { setName: 'Indicators', items: visibleIndicators(ctx.sim, ctx.principal), fields: INDICATOR_FILTER_FIELDS, render: (i) => i }),
  },
  {
    name: 'indicators.submit', method: 'POST', path: '/indicators', roles: ANY.ti, group: 'default',
    handle: (ctx) => {
      const input = parseRequestBody(indicatorInputSchema, ctx.body);
      checkIndicatorValue(input);
      return entityResponse(ctx, 'Indicators', upsertIndicator(ctx.sim, ctx.principal, input));
    },
  },
  {
    name: 'indicators.import', method: 'POST', path: '/indicators/import', roles: ANY.ti, group: 'indicatorsImport',
    handle: (ctx) => {
      const { Indicators: items } = parseRequestBody(importSchema, ctx.body);
      checkBatchSize(items.length);
      const value = items.map((item) => {
        const raw = (item ?? {}) as { indicatorValue?: unknown };
        try {
          const input = indicatorInputSchema.parse(item);
          checkIndicatorValue(input);
          const saved = upsertIndicator(ctx.sim, ctx.principal, input);
          return { id: saved.id, indicator: saved.indicatorValue, isFailed: false, failureReason: null };
        } catch (error) {
          return { id: null, indicator: typeof raw.indicatorValue === 'string' ? raw.indicatorValue : null, isFailed: true, failureReason: failureReason(error) };
        }
      });
      return odataResponse(200, { '@odata.context': `${ctx.sim.urls.apiBaseUrl}/api/$metadata#Collection(microsoft.windowsDefenderATP.api.ImportIndicatorResult)`, value });
    },
  },
  {
    name: 'indicators.batchDelete', method: 'POST', path: '/indicators/BatchDelete', roles: ANY.ti, group: 'indicatorsBatchDelete',
    handle: (ctx) => {
      const { IndicatorIds: ids } = parseRequestBody(batchDeleteSchema, ctx.body);
      if (ids.length === 0) throw badRequest('InvalidInput', 'IndicatorIds must not be empty.');
      checkBatchSize(ids.length);
      const invalid = ids.filter((id) => !/^\d+$/.test(id));
      if (invalid.length > 0) throw badRequest('InvalidInput', `Invalid indicator ids: ${invalid.join(', ')}.`);
      const missing = ids.filter((id) => !findVisible(ctx, id));
      // All or nothing: any unknown id fails the whole call (REFERENCE §6.2).
      if (missing.length > 0) throw notFound(`Indicators ${missing.join(', ')} were not found`);
      for (const id of ids) ctx.sim.store.indicators.delete(id);
      return emptyResponse(204);
    },
  },
  {
    name: 'indicators.delete', method: 'DELETE', path: '/indicators/:id', roles: ANY.ti, group: 'default',
    handle: (ctx) => {
      if (!findVisible(ctx, ctx.params.id!)) throw notFound(`Indicator ${ctx.params.id} was not found`);
      ctx.sim.store.indicators.delete(ctx.params.id!);
      return emptyResponse(204);
    },
  },
];
