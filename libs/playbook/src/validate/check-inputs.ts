import type { JsonValue } from '@soar/contracts';
import { checkInputValue, patternError } from '../inputs/check-input-value';
import { INPUT_TYPES, type InputDeclaration } from '../model';
import { toInputDeclaration } from '../normalize';
import { PROBLEM_CODES } from '../problems';
import { inputDeclarationSchema } from '../schema/playbook.schema';
import type { ValidationContext } from './context';

/** Which keys make sense for which input type; anything else is a mistake worth reporting. */
const ONLY_FOR: Record<string, InputDeclaration['type'][]> = {
  values: ['enum'],
  items: ['list'],
  pattern: ['string'],
  format: ['string'],
  min: ['number'],
  max: ['number'],
};

/** Input declarations: keys that fit the type, valid patterns, defaults that pass their own checks. */
export function checkInputs(ctx: ValidationContext, inputs: JsonValue | undefined): void {
  if (inputs === null || typeof inputs !== 'object' || Array.isArray(inputs)) return;
  Object.entries(inputs).forEach(([name, raw], order) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return;
    const base = ['inputs', name];
    const type = (raw.type ?? 'string') as InputDeclaration['type'];
    if (!(INPUT_TYPES as readonly string[]).includes(type)) return;
    for (const [key, types] of Object.entries(ONLY_FOR)) {
      if (raw[key] !== undefined && !types.includes(type)) {
        ctx.error(PROBLEM_CODES.invalidValue, [...base, key], `\`${key}\` only applies to ${types.join('/')} inputs, not ${type}`, 'key');
      }
    }
    if (type === 'enum' && raw.values === undefined) {
      ctx.error(PROBLEM_CODES.missingKey, [...base, 'values'], 'an enum input needs `values`: the list of choices');
    }
    if (Array.isArray(raw.values)) {
      const seen = new Set<JsonValue>();
      raw.values.forEach((v, i) => {
        if (seen.has(v)) ctx.error(PROBLEM_CODES.invalidValue, [...base, 'values', i], `\`${String(v)}\` is listed twice`);
        seen.add(v);
      });
    }
    if (typeof raw.min === 'number' && typeof raw.max === 'number' && raw.min > raw.max) {
      ctx.error(PROBLEM_CODES.invalidValue, [...base, 'max'], '`max` is smaller than `min`');
    }
    const patterns: [string[], JsonValue | undefined][] = [
      [[...base, 'pattern'], raw.pattern],
      [[...base, 'items', 'pattern'], raw.items !== null && typeof raw.items === 'object' && !Array.isArray(raw.items) ? raw.items.pattern : undefined],
    ];
    let patternsOk = true;
    for (const [path, pattern] of patterns) {
      if (typeof pattern !== 'string') continue;
      const problem = patternError(pattern);
      if (problem) {
        patternsOk = false;
        ctx.error(PROBLEM_CODES.invalidPattern, path, `this is not a valid RE2 regular expression: ${problem}`);
      }
    }
    const parsed = inputDeclarationSchema.safeParse(raw);
    if (!parsed.success) return; // shape problems already reported
    const decl = toInputDeclaration(name, parsed.data, order);
    if (decl.default !== undefined && patternsOk && (type !== 'enum' || decl.values)) {
      const problem = checkInputValue(decl, decl.default);
      if (problem) ctx.error(PROBLEM_CODES.invalidDefault, [...base, 'default'], `the default ${problem}`);
    }
    if (decl.required && decl.default !== undefined) {
      ctx.warn(PROBLEM_CODES.invalidDefault, [...base, 'default'], 'a required input with a default is never missing; drop `required` or the default');
    }
  });
}
