import { CORE_ACTION_DEFINITIONS, type ActionCatalog, type ActionDefinition } from '@soar/contracts';
import { DEFENDER_ACTION_UNITS } from './defender-action-units';

/** Every `defender.*` action definition, taken from its unit. */
export const DEFENDER_ACTION_DEFINITIONS: readonly ActionDefinition[] = DEFENDER_ACTION_UNITS.map((u) => u.definition);

/** Every action a playbook may use: the Defender units, then the core actions. */
export const ACTION_DEFINITIONS: readonly ActionDefinition[] = [...DEFENDER_ACTION_DEFINITIONS, ...CORE_ACTION_DEFINITIONS];

/** The catalog the playbook validator, the engine and the API take, keyed by name. */
export const actionCatalog: ActionCatalog = new Map(ACTION_DEFINITIONS.map((a) => [a.name, a]));
