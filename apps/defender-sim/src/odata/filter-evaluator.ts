import { odataError } from '../http/api-error';
import type { ComparisonOp, FilterNode, Literal } from './filter-ast';

export type FieldKind = 'string' | 'datetime' | 'number' | 'boolean' | 'stringArray' | 'numberArray';

export interface FieldSpec<T> {
  kind: FieldKind;
  get(item: T): unknown;
}

/** The `$filter`-able properties of one entity set (names are case-sensitive, as in OData). */
export type FilterFields<T> = Record<string, FieldSpec<T>>;

/** Checks property names and literal types up front, so a bad filter fails even on an empty set. */
export function validateFilter<T>(node: FilterNode, fields: FilterFields<T>, scope: Record<string, FieldKind> = {}): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      validateFilter(node.left, fields, scope);
      validateFilter(node.right, fields, scope);
      return;
    case 'not':
      validateFilter(node.operand, fields, scope);
      return;
    case 'startswith':
      if (kindOf(node.property, fields, scope) !== 'string') throw odataError(`startswith is not supported on property '${node.property}'.`);
      return;
    case 'compare':
      checkLiteral(node.property, kindOf(node.property, fields, scope), node.value, node.op);
      return;
    case 'lambda': {
      const kind = kindOf(node.property, fields, scope);
      if (kind !== 'stringArray' && kind !== 'numberArray') throw odataError(`'${node.property}' is not a collection; '${node.quantifier}' is not supported on it.`);
      validateFilter(node.predicate, fields, { ...scope, [node.variable]: kind === 'stringArray' ? 'string' : 'number' });
      return;
    }
  }
}

function kindOf<T>(property: string, fields: FilterFields<T>, scope: Record<string, FieldKind>): FieldKind {
  const kind = scope[property] ?? fields[property]?.kind;
  if (!kind) throw odataError(`Could not find a property named '${property}' on type 'microsoft.windowsDefenderATP.api.PublicEntity', or filtering on it is not supported.`);
  return kind;
}

function checkLiteral(property: string, kind: FieldKind, value: Literal, op: ComparisonOp): void {
  const expected: Partial<Record<FieldKind, Literal['type']>> = { string: 'string', datetime: 'datetime', number: 'number', boolean: 'boolean' };
  if (value.type === 'null' && (op === 'eq' || op === 'ne')) return;
  if (expected[kind] !== value.type) {
    throw odataError(`A binary operator with incompatible types was detected. Found operand types '${kind}' and '${value.type}' for property '${property}' and operator '${op}'.`);
  }
}

/** Evaluates a validated filter against one item. */
export function matchesFilter<T>(node: FilterNode, item: T, fields: FilterFields<T>, scope: Record<string, unknown> = {}): boolean {
  switch (node.kind) {
    case 'and':
      return matchesFilter(node.left, item, fields, scope) && matchesFilter(node.right, item, fields, scope);
    case 'or':
      return matchesFilter(node.left, item, fields, scope) || matchesFilter(node.right, item, fields, scope);
    case 'not':
      return !matchesFilter(node.operand, item, fields, scope);
    case 'startswith': {
      const v = valueOf(node.property, item, fields, scope);
      return typeof v === 'string' && v.toLowerCase().startsWith(node.value.toLowerCase());
    }
    case 'compare':
      return compare(valueOf(node.property, item, fields, scope), node.op, node.value);
    case 'lambda': {
      const values = valueOf(node.property, item, fields, scope);
      const list = Array.isArray(values) ? values : [];
      const test = (v: unknown) => matchesFilter(node.predicate, item, fields, { ...scope, [node.variable]: v });
      return node.quantifier === 'any' ? list.some(test) : list.every(test);
    }
  }
}

function valueOf<T>(property: string, item: T, fields: FilterFields<T>, scope: Record<string, unknown>): unknown {
  if (property in scope) return scope[property];
  return fields[property]!.get(item);
}

/**
 * String comparisons ignore case: the service's backing store compares case-insensitively for
 * names and enum values [UNCONFIRMED as a contract; clients should not rely on either].
 */
function compare(actual: unknown, op: ComparisonOp, literal: Literal): boolean {
  if (literal.type === 'null') return op === 'eq' ? actual === null || actual === undefined : actual !== null && actual !== undefined;
  if (actual === null || actual === undefined) return op === 'ne';
  let a: number | string | boolean;
  let b: number | string | boolean;
  if (literal.type === 'datetime') {
    a = Date.parse(String(actual));
    b = Date.parse(literal.value);
  } else if (literal.type === 'string') {
    a = String(actual).toLowerCase();
    b = literal.value.toLowerCase();
  } else {
    a = actual as number | boolean;
    b = literal.value;
  }
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
  }
}
