import type { JsonValue } from '@soar/contracts';
import { celHints } from '../expressions/cel-hints';
import { compileExpression, type ExpressionReference } from '../expressions/compile';
import { splitTemplate, unwrapExpression } from '../expressions/template';
import { PROBLEM_CODES, type PathSegment } from '../problems';
import { suggest } from '../schema/suggest';
import type { ValidationContext } from './context';
import { describeSecretPlaces } from '../secrets/secret-places';

/** What an expression at a given place may read. */
export interface ExpressionPlace {
  /** Human name of the place for messages, e.g. "step `isolate`". */
  where: string;
  /** Id of the step the expression belongs to, if any. */
  self?: string;
  /** Declared input names. */
  inputs: ReadonlySet<string>;
  /** Every step id of the playbook. */
  stepIds: ReadonlySet<string>;
  /** Steps certainly finished before this place is evaluated; `all` in outputs and failure handlers. */
  steps: ReadonlySet<string> | 'all';
  /** `item`, `index` and the foreach `as` name, inside the `with` of a foreach step. */
  itemNames: ReadonlySet<string>;
  secrets: boolean;
  /** Known secret names, when the caller gave them. */
  secretNames?: ReadonlySet<string>;
  /** Where secrets are allowed, for the message when they are not (see `secretPlaces`). */
  secretPlaces: readonly string[];
  /** Set when an expression reads `alert` (for the "no alert trigger" warning). */
  readsAlert?: { value: boolean };
}

const STEP_FIELDS = ['output', 'status', 'error'];
const RUN_FIELDS = ['id', 'playbook', 'version', 'started_by'];
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** Checks every `${{ }}` in the strings of `value` (recursively). */
export function checkTemplates(ctx: ValidationContext, path: PathSegment[], value: JsonValue | undefined, place: ExpressionPlace): void {
  if (typeof value === 'string') {
    if (!value.includes('${{')) return;
    const split = splitTemplate(value);
    if (!split.ok) {
      const pos = ctx.positionInString(path, value, split.offset, { start: split.offset, end: Math.min(value.length, split.offset + 3) });
      ctx.error(PROBLEM_CODES.expressionSyntax, path, split.message, pos);
      return;
    }
    for (const part of split.parts) {
      if (part.kind !== 'expr') continue;
      checkExpression(ctx, path, value, part.expr, part.exprStart, { start: part.start, end: part.end }, place);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkTemplates(ctx, [...path, i], v, place));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkTemplates(ctx, [...path, k], v, place);
  }
}

/** Checks a field holding one expression, bare or wrapped (`if`, `foreach.items`). */
export function checkBareExpression(ctx: ValidationContext, path: PathSegment[], value: string, place: ExpressionPlace): void {
  const unwrapped = unwrapExpression(value);
  if (!unwrapped.ok) {
    ctx.error(PROBLEM_CODES.expressionSyntax, path, unwrapped.message);
    return;
  }
  if (unwrapped.expr === '') {
    ctx.error(PROBLEM_CODES.expressionSyntax, path, 'the expression is empty');
    return;
  }
  checkExpression(ctx, path, value, unwrapped.expr, unwrapped.offset, { start: 0, end: value.length }, place);
}

function checkExpression(
  ctx: ValidationContext,
  path: PathSegment[],
  value: string,
  expr: string,
  exprStart: number,
  anchor: { start: number; end: number },
  place: ExpressionPlace,
): void {
  const at = (offset: number) => ctx.positionInString(path, value, exprStart + offset, anchor);
  const compiled = compileExpression(expr);
  if (!compiled.ok) {
    const hints = celHints(expr);
    ctx.error(PROBLEM_CODES.expressionSyntax, path, `\`${expr}\`: ${compiled.message}${hints.length > 0 ? `; ${hints.join('; ')}` : ''}`, at(compiled.offset));
    return;
  }
  // Parses, but fails when run (`'abc'.length` is a field lookup on text).
  const habits = celHints(expr);
  if (habits.length > 0) ctx.warn(PROBLEM_CODES.celHabit, path, `\`${expr}\`: ${habits.join('; ')}`, at(0));
  for (const ref of compiled.compiled.references) {
    const message = checkReference(ref, place);
    if (message) ctx.error(message.code, path, message.text, at(ref.offset));
  }
  // Every declared input is present (null when an optional one is not given), so has() is always true.
  for (const m of expr.matchAll(/\bhas\(\s*inputs\.([A-Za-z_][A-Za-z0-9_]*)\s*\)/g)) {
    if (!place.inputs.has(m[1]!)) continue;
    ctx.warn(PROBLEM_CODES.hasOnInput, path, `\`${m[0]}\` is always true: an optional input that is not given is null; test \`inputs.${m[1]} != null\``, at(m.index));
  }
}

function checkReference(ref: ExpressionReference, place: ExpressionPlace): { code: (typeof PROBLEM_CODES)[keyof typeof PROBLEM_CODES]; text: string } | undefined {
  const [first, second] = ref.segments;
  switch (ref.root) {
    case 'inputs':
      if (first !== undefined && !place.inputs.has(first)) {
        const guess = suggest(first, place.inputs);
        return { code: PROBLEM_CODES.unknownInput, text: `there is no input \`${first}\`${guess ? `; did you mean \`${guess}\`?` : ''}` };
      }
      return undefined;
    case 'steps': {
      if (first === undefined) {
        return { code: PROBLEM_CODES.expressionInvalid, text: 'name the step: steps.<id>.output (a computed step id cannot be checked)' };
      }
      if (!place.stepIds.has(first)) {
        const guess = suggest(first, place.stepIds);
        return { code: PROBLEM_CODES.unknownStep, text: `there is no step \`${first}\`${guess ? `; did you mean \`${guess}\`?` : ''}` };
      }
      if (first === place.self) {
        return { code: PROBLEM_CODES.stepNotAncestor, text: `a step cannot read its own result (steps.${first}); it does not exist yet` };
      }
      if (place.steps !== 'all' && !place.steps.has(first)) {
        return {
          code: PROBLEM_CODES.stepNotAncestor,
          text: `${place.where} may start before step \`${first}\` has run; add \`${first}\` to its \`needs\` (directly or through a step it needs)`,
        };
      }
      if (second !== undefined && !STEP_FIELDS.includes(second)) {
        return { code: PROBLEM_CODES.expressionInvalid, text: `use steps.${first}.output, .status or .error (not .${second})` };
      }
      return undefined;
    }
    case 'run':
      if (first !== undefined && !RUN_FIELDS.includes(first)) {
        return { code: PROBLEM_CODES.expressionInvalid, text: `run has ${RUN_FIELDS.join(', ')} (not ${first})` };
      }
      return undefined;
    case 'secrets':
      if (!place.secrets) {
        return {
          code: PROBLEM_CODES.secretNotAllowed,
          text: `secrets cannot be used in ${place.where}: anything computed from a secret there could be stored, shown or sent in clear; secrets may only be used in ${describeSecretPlaces(place.secretPlaces)}`,
        };
      }
      if (first === undefined || !SECRET_NAME.test(first)) {
        return { code: PROBLEM_CODES.expressionInvalid, text: 'name the secret: secrets.NAME' };
      }
      if (place.secretNames && !place.secretNames.has(first)) {
        const guess = suggest(first, place.secretNames);
        return { code: PROBLEM_CODES.unknownSecret, text: `there is no secret \`${first}\`${guess ? `; did you mean \`${guess}\`?` : ''}` };
      }
      return undefined;
    case 'alert':
      if (place.readsAlert) place.readsAlert.value = true;
      return undefined;
    case 'trigger':
      // `trigger.alert` is the alert that started the run (null-like for manual and scheduled runs).
      if (first === 'alert' && place.readsAlert) place.readsAlert.value = true;
      return undefined;
    default: {
      if (place.itemNames.has(ref.root)) return undefined;
      if (ref.root === 'item' || ref.root === 'index') {
        return { code: PROBLEM_CODES.unknownName, text: `\`${ref.root}\` only exists in the \`with\` of a step with \`foreach\`` };
      }
      const known = [...new Set(['inputs', 'steps', 'alert', 'trigger', 'run', 'secrets', ...place.itemNames])];
      const guess = suggest(ref.root, known);
      return {
        code: PROBLEM_CODES.unknownName,
        text: `unknown name \`${ref.root}\`${guess ? `; did you mean \`${guess}\`?` : `; expressions can read ${known.join(', ')}`}`,
      };
    }
  }
}
