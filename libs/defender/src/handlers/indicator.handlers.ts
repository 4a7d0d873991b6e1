import {
  DEFENDER_ERROR_CODES,
  indicatorBatchDeleteAction,
  indicatorDeleteAction,
  indicatorImportAction,
  indicatorListAction,
  indicatorSubmitAction,
  type IndicatorInput,
} from '@soar/contracts';
import { DefenderApiError } from '../defender-api.error';
import type { IndicatorBody, IndicatorImportResult } from '../defender.types';
import { parseBatchState, runBatches } from './batched';
import { done, handler } from './handler-spec';

/** snake_case playbook indicator → Defender's camelCase body. */
export function indicatorBody(i: IndicatorInput): IndicatorBody {
  return {
    indicatorValue: i.indicator_value,
    indicatorType: i.indicator_type,
    action: i.action,
    title: i.title,
    description: i.description,
    application: i.application,
    expirationTime: i.expiration_time,
    severity: i.severity,
    recommendedActions: i.recommended_actions,
    rbacGroupNames: i.rbac_group_names,
    educateUrl: i.educate_url,
    generateAlert: i.generate_alert,
  };
}

const importOutput = (results: IndicatorImportResult[]) => ({
  results: results as never,
  failed: results.filter((r) => r.isFailed).length,
});

const isNotFound = (error: unknown) => error instanceof DefenderApiError && error.code === DEFENDER_ERROR_CODES.notFound;

export const indicatorHandlers = [
  // Submit is an upsert keyed on value + type, so repeating it after a lost response is harmless.
  handler({ definition: indicatorSubmitAction, execute: async (client, p) => done(await client.submitIndicator(indicatorBody(p))) }),
  handler({
    definition: indicatorImportAction,
    execute: (client, p) =>
      runBatches<IndicatorBody, IndicatorImportResult>(
        { remaining: p.indicators.map(indicatorBody), results: [] },
        (batch) => client.importIndicators(batch),
        importOutput,
      ),
    resume: (client, state) =>
      runBatches(parseBatchState<IndicatorBody, IndicatorImportResult>(state), (batch) => client.importIndicators(batch), importOutput),
  }),
  handler({
    definition: indicatorListAction,
    execute: async (client, p) => {
      const indicators = await client.listIndicators(p);
      return done({ indicators, count: indicators.length });
    },
  }),
  handler({
    definition: indicatorDeleteAction,
    execute: async (client, p, ctx) => {
      try {
        await client.deleteIndicator(p.indicator_id);
      } catch (error) {
        // After a lost response the first delete may have gone through: its 404 is success.
        if (!(ctx.maybeSent && isNotFound(error))) throw error;
      }
      return done({ indicator_id: p.indicator_id, deleted: true });
    },
  }),
  handler({
    definition: indicatorBatchDeleteAction,
    execute: (client, p, ctx) => {
      let first = true;
      const send = async (batch: string[]) => {
        const maybeSent = ctx.maybeSent && first;
        first = false;
        try {
          await client.batchDeleteIndicators(batch);
        } catch (error) {
          if (!(maybeSent && isNotFound(error))) throw error;
        }
        return batch;
      };
      return runBatches<string, string>({ remaining: p.indicator_ids, results: [] }, send, (ids) => ({ indicator_ids: ids }));
    },
    resume: (client, state) =>
      runBatches(
        parseBatchState<string, string>(state),
        async (batch) => {
          await client.batchDeleteIndicators(batch);
          return batch;
        },
        (ids) => ({ indicator_ids: ids }),
      ),
  }),
];
