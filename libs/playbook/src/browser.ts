/**
 * The part of the playbook language that runs in a browser (no Node built-ins): the web console's
 * run form checks inputs with exactly the rules the server applies when a run starts.
 */
export { validateRunInputs, type RunInputsResult } from './inputs/validate-run-inputs';
export { checkFormat } from './formats';
export type { InputDeclaration, InputFormat, InputType, ListItemType } from './model';
