import type { Problem } from '@soar/contracts';

/** Stable `Problem.code` values produced by `parsePlaybook` and `validateRunInputs`. */
export const PROBLEM_CODES = {
  // the file itself
  tooLarge: 'too_large',
  invalidEncoding: 'invalid_encoding',
  yamlSyntax: 'yaml_syntax',
  duplicateKey: 'duplicate_key',
  unsupportedTag: 'unsupported_tag',
  tooDeep: 'too_deep',
  tooManyNodes: 'too_many_nodes',
  multipleDocuments: 'multiple_documents',
  invalidKey: 'invalid_key',
  invalidNumber: 'invalid_number',
  // shape
  unknownKey: 'unknown_key',
  missingKey: 'missing_key',
  wrongType: 'wrong_type',
  invalidValue: 'invalid_value',
  // meaning
  duplicateStepId: 'duplicate_step_id',
  unknownAction: 'unknown_action',
  invalidParam: 'invalid_param',
  unknownStep: 'unknown_step',
  unknownInput: 'unknown_input',
  unknownName: 'unknown_name',
  stepNotAncestor: 'step_not_ancestor',
  cycle: 'cycle',
  unreachableStep: 'unreachable_step',
  expressionSyntax: 'expression_syntax',
  expressionInvalid: 'expression_invalid',
  secretNotAllowed: 'secret_not_allowed',
  unknownSecret: 'unknown_secret',
  /** `retry.on` names a code no step can fail with (docs/error-codes.md). */
  unknownErrorCode: 'unknown_error_code',
  /** Warning: expressions read `alert` but no trigger supplies one (manual runs have `alert: null`). */
  alertWithoutTrigger: 'alert_without_trigger',
  /** Warning: `has(inputs.x)` is always true (an optional input not given is null). */
  hasOnInput: 'has_on_input',
  /** Warning: a JavaScript habit CEL does not share (`.length`), which fails at run time. */
  celHabit: 'cel_habit',
  /** `run_as` on a step that makes no Defender call. */
  runAsNotApplicable: 'run_as_not_applicable',
  /** `run_as: approver` on a step that depends on no `core.approval` step. */
  runAsWithoutApproval: 'run_as_without_approval',
  invalidPattern: 'invalid_pattern',
  invalidDefault: 'invalid_default',
  // run inputs
  invalidInput: 'invalid_input',
  /** A rule of `input_rules` is broken by the inputs given. */
  inputRule: 'input_rule',
} as const;
export type ProblemCode = (typeof PROBLEM_CODES)[keyof typeof PROBLEM_CODES];

export type PathSegment = string | number;

/** Renders `['steps', 1, 'with', 'machine_id']` as `steps[1].with.machine_id`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Orders problems by position so admins read them top to bottom. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.path.localeCompare(b.path),
  );
}
