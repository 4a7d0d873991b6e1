import type { JsonValue } from '@soar/contracts';
import { INPUT_RULE_KINDS } from '../model';
import { PROBLEM_CODES } from '../problems';
import { suggest } from '../schema/suggest';
import type { ValidationContext } from './context';

/** `input_rules` name declared inputs, each at most once per rule. */
export function checkInputRules(ctx: ValidationContext, rules: JsonValue | undefined, inputs: JsonValue | undefined): void {
  if (!Array.isArray(rules)) return;
  const declared = inputs !== null && typeof inputs === 'object' && !Array.isArray(inputs) ? Object.keys(inputs) : [];
  rules.forEach((rule, index) => {
    if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return;
    for (const kind of INPUT_RULE_KINDS) {
      const names = rule[kind];
      if (!Array.isArray(names)) continue;
      const seen = new Set<string>();
      names.forEach((name, i) => {
        if (typeof name !== 'string') return;
        const path = ['input_rules', index, kind, i];
        if (!declared.includes(name)) {
          const guess = suggest(name, declared);
          ctx.error(PROBLEM_CODES.unknownInput, path, `there is no input \`${name}\`${guess ? `; did you mean \`${guess}\`?` : ''}`);
        } else if (seen.has(name)) {
          ctx.error(PROBLEM_CODES.invalidValue, path, `\`${name}\` is listed twice`);
        }
        seen.add(name);
      });
    }
  });
}
