import type { JsonValue, Problem } from '@soar/contracts';
import { PROBLEM_CODES, formatPath } from '../problems';
import { suggest } from '../schema/suggest';
import type { PlaybookDefinition } from '../model';
import { checkInputValue } from './check-input-value';

export type RunInputsResult = { ok: true; values: Record<string, JsonValue> } | { ok: false; problems: Problem[] };

/**
 * Checks the inputs given to start a run against the playbook's declarations: every problem at
 * once, paths like `inputs.alert_id`. Unknown names are problems; missing optional inputs take
 * their default, or `null` when there is none — so every declared input can be read
 * (`coalesce(inputs.note, 'none')`, `inputs.note != null`); `null` and `''` count as not given.
 */
export function validateRunInputs(playbook: Pick<PlaybookDefinition, 'inputs' | 'input_rules'>, inputs: unknown): RunInputsResult {
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
      else if (!decl.required) values[decl.name] = null;
      else problems.push({ path, message: `${decl.label} is required`, code: PROBLEM_CODES.missingKey });
      continue;
    }
    const problem = checkInputValue(decl, raw as JsonValue);
    if (problem) problems.push({ path, message: `${decl.label}: ${problem}`, code: PROBLEM_CODES.invalidInput });
    else values[decl.name] = raw as JsonValue;
  }
  if (problems.length === 0) problems.push(...brokenInputRules(playbook, values));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

/** Given means a value the run can use: not null, not empty text, not an empty list. */
const isGiven = (value: JsonValue | undefined) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

const RULE_TEXT = { at_least_one_of: 'give at least one of', only_one_of: 'give only one of', all_or_none_of: 'give all or none of' } as const;

/**
 * The playbook's `input_rules` against the final values (defaults applied). A broken rule is one
 * problem per input it names (path `inputs.<name>`), so a form can mark each field.
 */
function brokenInputRules(playbook: Pick<PlaybookDefinition, 'inputs' | 'input_rules'>, values: Record<string, JsonValue>): Problem[] {
  const problems: Problem[] = [];
  const labels = new Map(playbook.inputs.map((d) => [d.name, d.label]));
  for (const rule of playbook.input_rules ?? []) {
    const given = rule.inputs.filter((name) => isGiven(values[name])).length;
    const broken =
      rule.kind === 'at_least_one_of' ? given === 0 : rule.kind === 'only_one_of' ? given > 1 : given !== 0 && given !== rule.inputs.length;
    if (!broken) continue;
    const message = rule.message ?? `${RULE_TEXT[rule.kind]} ${rule.inputs.map((n) => `${labels.get(n) ?? n} (\`${n}\`)`).join(', ')}`;
    for (const name of rule.inputs) problems.push({ path: formatPath(['inputs', name]), message, code: PROBLEM_CODES.inputRule });
  }
  return problems;
}
