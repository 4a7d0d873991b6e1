import type { ActionCatalog, ActionDefinition } from './action-definition';
import { alertGetAction, alertUpdateAction, machineIsolateAction } from './defender';

/** Every action a playbook may use, keyed by name. */
export const ACTION_DEFINITIONS: readonly ActionDefinition[] = [alertGetAction, alertUpdateAction, machineIsolateAction];

export const actionCatalog: ActionCatalog = new Map(ACTION_DEFINITIONS.map((a) => [a.name, a]));
