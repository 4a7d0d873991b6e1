export type Literal =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'datetime'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' };

export type ComparisonOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: ComparisonOp; property: string; value: Literal }
  | { kind: 'startswith'; property: string; value: string }
  | { kind: 'lambda'; quantifier: 'any' | 'all'; property: string; variable: string; predicate: FilterNode };
