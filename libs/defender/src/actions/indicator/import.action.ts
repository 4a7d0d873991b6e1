import { z } from 'zod';
import { parseBatchState, runBatches } from '../../handlers/batched';
import { defenderAction } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { importOutput, indicatorBody, indicatorInputSchema } from './indicator-input';
import type { IndicatorBody, IndicatorImportResult } from '../../defender.types';

export const indicatorImport = defenderAction({
  name: 'defender.indicator.import',
  title: 'Import indicators',
  description: 'Creates or updates many indicators, sent in batches of at most 500. Reports per-indicator failures.',
  params: z.strictObject({ indicators: z.array(indicatorInputSchema).min(1).max(15000) }),
  output: z.looseObject({
    results: z.array(z.looseObject({ id: z.string().nullable().optional(), indicator: z.string().nullable().optional(), isFailed: z.boolean(), failureReason: z.string().nullable().optional() })),
    failed: z.number(),
  }),
  permissions: DEFENDER_PERMISSIONS.ti,
  sideEffect: true,
  execute: (client, p) =>
    runBatches<IndicatorBody, IndicatorImportResult>({ remaining: p.indicators.map(indicatorBody), results: [] }, (batch) => client.importIndicators(batch), importOutput),
  resume: (client, state) => runBatches(parseBatchState<IndicatorBody, IndicatorImportResult>(state), (batch) => client.importIndicators(batch), importOutput),
});
