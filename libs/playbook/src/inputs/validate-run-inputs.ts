import type { JsonValue, Problem } from '@soar/contracts';
import { PROBLEM_CODES, formatPath } from '../problems';
import { suggest } from '../schema/suggest';
import type { PlaybookDefinition } from '../model';
import { checkInputValue } from './check-input-value';

export type RunInputsResult = { ok: true; values: Record<string, JsonValue> } | { ok: false; problems: Problem[] };

/**
 * Checks the inputs given to start a run against the playbook's declarations: every problem at
 * once, paths like `inputs.alert_id`. Unknown names are problems; missing optional inputs take
 * their default (or are absent from `values` when there is none); `null` and `''` count as not given.
 */
export function validateRunInputs(playbook: Pick<PlaybookDefinition, 'inputs'>, inputs: unknown): RunInputsResult {
  const problems: Problem[] = [];
  const given: Record<string, unknown> = inputs === undefined || inputs === null ? {} : (inputs as Record<string, unknown>);
  if (typeof given !== 'object' || Array.isArray(given)) {
    return { ok: false, problems: [{ path: 'inputs', message: 'inputs must be a map of name: value', code: PROBLEM_CODES.invalidInput }] };
  }
  const declared = new Map(playbook.inputs.map((d) => [d.name, d]));
  for (const name of Object.keys(given)) {
    if (!declared.has(name)) {
      const guess = suggest(name, declared.keys());
      problems.push({
        path: formatPath(['inputs', name]),
        message: `this playbook has no input \`${name}\`${guess ? `; did you mean \`${guess}\`?` : ''}`,
        code: PROBLEM_CODES.unknownInput,
      });
    }
  }
  const values: Record<string, JsonValue> = {};
  for (const decl of playbook.inputs) {
    const path = formatPath(['inputs', decl.name]);
    const raw = Object.prototype.hasOwnProperty.call(given, decl.name) ? given[decl.name] : undefined;
    // Forms send '' for an empty field: it means "not given", like null.
    if (raw === undefined || raw === null || raw === '') {
      if (decl.default !== undefined) values[decl.name] = decl.default;
      else if (decl.required) problems.push({ path, message: `${decl.label} is required`, code: PROBLEM_CODES.missingKey });
      continue;
    }
    const problem = checkInputValue(decl, raw as JsonValue);
    if (problem) problems.push({ path, message: `${decl.label}: ${problem}`, code: PROBLEM_CODES.invalidInput });
    else values[decl.name] = raw as JsonValue;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}
