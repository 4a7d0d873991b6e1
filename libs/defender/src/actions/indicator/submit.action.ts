import { indicatorSchema } from '@soar/contracts';
import { defenderAction, done } from '../defender-action';
import { DEFENDER_PERMISSIONS } from '../defender-permissions';
import { indicatorBody, indicatorInputSchema } from './indicator-input';

export const indicatorSubmit = defenderAction({
  name: 'defender.indicator.submit',
  title: 'Submit indicator',
  description: 'Creates a custom indicator, or updates the existing one with the same value and type.',
  params: indicatorInputSchema,
  output: indicatorSchema,
  permissions: DEFENDER_PERMISSIONS.ti,
  sideEffect: true,
  // Submit is an upsert keyed on value + type, so repeating it after a lost response is harmless.
  execute: async (client, p) => done(await client.submitIndicator(indicatorBody(p))),
});
