import type { JsonValue } from '@soar/contracts';
import { run, isCelError } from '@bufbuild/cel';
import { checkFormat } from '../formats';
import type { InputDeclaration, InputFormat, ListItemType } from '../model';

/** Longest string accepted for a run input (a form field, not a document). */
export const MAX_INPUT_STRING = 10_000;
export const MAX_INPUT_LIST = 1_000;

/**
 * Whether `pattern` is a valid RE2 expression. RE2 (CEL's `matches`) runs in linear time, so an
 * admin's pattern cannot hang a run start however the input looks.
 */
export function patternError(pattern: string): string | undefined {
  const result = run("''.matches(p)", { p: pattern });
  return isCelError(result) ? result.message.replace(/^error parsing regexp: /, '') : undefined;
}

/** Full-string RE2 match. */
export function matchesPattern(value: string, pattern: string): boolean {
  const result = run('v.matches(p)', { v: value, p: `^(?:${pattern})$` });
  return result === true;
}

/** The check shared by run inputs and declared defaults: undefined when fine, else what is wrong. */
export function checkInputValue(decl: InputDeclaration, value: JsonValue): string | undefined {
  switch (decl.type) {
    case 'string':
      return checkString(value, decl.format, decl.pattern);
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `expected a number, got ${describe(value)}`;
      if (decl.min !== undefined && value < decl.min) return `must be at least ${decl.min}`;
      if (decl.max !== undefined && value > decl.max) return `must be at most ${decl.max}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected true or false, got ${describe(value)}`;
    case 'enum':
      if (typeof value !== 'string') return `expected one of ${(decl.values ?? []).join(', ')}, got ${describe(value)}`;
      return decl.values?.includes(value) ? undefined : `must be one of: ${(decl.values ?? []).join(', ')}`;
    case 'list': {
      if (!Array.isArray(value)) return `expected a list, got ${describe(value)}`;
      if (value.length > MAX_INPUT_LIST) return `must have at most ${MAX_INPUT_LIST} items`;
      const items = decl.items ?? { type: 'string' as const };
      for (let i = 0; i < value.length; i++) {
        const problem = checkItem(items.type, value[i], items.format, items.pattern);
        if (problem) return `item ${i + 1}: ${problem}`;
      }
      return undefined;
    }
  }
}

function checkItem(type: ListItemType, value: JsonValue, format?: InputFormat, pattern?: string): string | undefined {
  if (type === 'string') return checkString(value, format, pattern);
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value) ? undefined : `expected a number, got ${describe(value)}`;
  return typeof value === 'boolean' ? undefined : `expected true or false, got ${describe(value)}`;
}

function checkString(value: JsonValue, format?: InputFormat, pattern?: string): string | undefined {
  if (typeof value !== 'string') return `expected text, got ${describe(value)}`;
  if (value.length > MAX_INPUT_STRING) return `must be at most ${MAX_INPUT_STRING} characters long`;
  if (format) {
    const problem = checkFormat(format, value);
    if (problem) return problem;
  }
  if (pattern !== undefined && !matchesPattern(value, pattern)) return `does not match the pattern ${pattern}`;
  return undefined;
}

function describe(value: JsonValue): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
}
