import { z } from 'zod';
import { parseBatchState, runBatches } from '../../handlers/batched';
import { defenderAction } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { indicatorIdSchema, isNotFound } from './indicator-input';

export const indicatorBatchDelete = defenderAction({
  name: 'defender.indicator.batch_delete',
  title: 'Delete indicators',
  description: 'Deletes several custom indicators, in batches of at most 500 ids.',
  params: z.strictObject({ indicator_ids: z.array(indicatorIdSchema).min(1).max(15000) }),
  output: z.looseObject({ indicator_ids: z.array(z.string()) }),
  permissions: DEFENDER_PERMISSIONS.ti,
  sideEffect: true,
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
});
