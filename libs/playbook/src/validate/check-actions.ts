import type { JsonValue } from '@soar/contracts';
import { hasTemplate } from '../expressions/template';
import { PROBLEM_CODES, type PathSegment } from '../problems';
import { actionNameSchema } from '../schema/playbook.schema';
import { suggest } from '../schema/suggest';
import { issuesToProblems, safeParseFriendly, valueAt } from '../schema/zod-problems';
import type { ValidationContext } from './context';
import type { StepView } from './step-view';

/**
 * The action exists, and `with` fits its parameter schema. A string holding `${{ }}` stands for
 * any type at save time (its value is only known at run time), so issues on such a value, or
 * below it, are dropped; the executor checks the evaluated parameters again before calling.
 */
export function checkAction(ctx: ValidationContext, step: StepView, rawWith: JsonValue | undefined): void {
  if (step.action === undefined || !actionNameSchema.safeParse(step.action).success) return;
  const base: PathSegment[] = [step.list, step.index];
  const def = ctx.catalog.get(step.action);
  if (!def) {
    const guess = suggest(step.action, ctx.catalog.keys());
    ctx.error(
      PROBLEM_CODES.unknownAction,
      [...base, 'action'],
      `unknown action \`${step.action}\`${guess ? `; did you mean \`${guess}\`?` : ''}`,
    );
    return;
  }
  if (rawWith !== undefined && (rawWith === null || typeof rawWith !== 'object' || Array.isArray(rawWith))) return;
  const params = rawWith ?? {};
  for (const name of def.literalParams ?? []) {
    if (name in params && containsTemplate(params[name])) {
      ctx.error(
        PROBLEM_CODES.invalidParam,
        [...base, 'with', name],
        `\`${name}\` must be written in the playbook, without \`\${{ }}\`: run inputs may not choose it${name === 'approvers' ? ' (let them narrow it with `narrow_to`)' : ''} (parameter of ${def.name})`,
      );
    }
  }
  const result = safeParseFriendly(def.params, params);
  if (result.success) return;
  const issues = result.error.issues.filter((issue) => !coveredByExpression(params, issue.path as PathSegment[]));
  const problems = issuesToProblems(issues, params, def.params, {
    sourceMap: ctx.sourceMap,
    basePath: [...base, 'with'],
    valueCode: PROBLEM_CODES.invalidParam,
  });
  for (const p of problems) {
    ctx.problems.push({ ...p, message: `${p.message} (parameter of ${def.name})` });
  }
}

function containsTemplate(value: JsonValue | undefined): boolean {
  if (typeof value === 'string') return hasTemplate(value);
  if (Array.isArray(value)) return value.some(containsTemplate);
  if (value && typeof value === 'object') return Object.values(value).some(containsTemplate);
  return false;
}

function coveredByExpression(root: JsonValue, path: PathSegment[]): boolean {
  for (let k = 0; k <= path.length; k++) {
    const v = valueAt(root, path.slice(0, k));
    if (typeof v === 'string' && hasTemplate(v)) return true;
  }
  return false;
}
