import type { ActionDefinition } from '../action-definition';
import { ALERT_ACTIONS } from './alert.actions';
import { ENRICHMENT_ACTIONS } from './enrichment.actions';
import { INDICATOR_ACTIONS } from './indicator.actions';
import { MACHINE_ACTION_ACTIONS } from './machine-action.actions';
import { MACHINE_ACTIONS } from './machine.actions';

/** Every `defender.*` action definition. */
export const DEFENDER_ACTION_DEFINITIONS: readonly ActionDefinition[] = [
  ...ALERT_ACTIONS,
  ...MACHINE_ACTIONS,
  ...MACHINE_ACTION_ACTIONS,
  ...INDICATOR_ACTIONS,
  ...ENRICHMENT_ACTIONS,
];
