import { z } from 'zod';
import { indicatorSchema, listParamsShape } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';

export const indicatorList = defenderAction({
  name: 'defender.indicator.list',
  title: 'List indicators',
  description: 'Lists custom indicators matching an OData filter, following result pages up to `limit`.',
  params: z.strictObject(listParamsShape),
  output: z.looseObject({ indicators: z.array(indicatorSchema), count: z.number() }),
  permissions: DEFENDER_PERMISSIONS.ti,
  sideEffect: false,
  execute: async (client, p) => {
    const indicators = await client.listIndicators(p);
    return done({ indicators, count: indicators.length });
  },
});
