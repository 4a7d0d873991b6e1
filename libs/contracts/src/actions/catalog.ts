import type { ActionCatalog, ActionDefinition } from './action-definition';
import { CORE_ACTION_DEFINITIONS } from './core';
import { DEFENDER_ACTION_DEFINITIONS } from './defender';

/** Every action a playbook may use, keyed by name. */
export const ACTION_DEFINITIONS: readonly ActionDefinition[] = [...DEFENDER_ACTION_DEFINITIONS, ...CORE_ACTION_DEFINITIONS];

export const actionCatalog: ActionCatalog = new Map(ACTION_DEFINITIONS.map((a) => [a.name, a]));
