import { ApiError } from '../http/api-error';
import { matchesFilter, validateFilter, type FilterFields } from './filter-evaluator';
import { parseFilter } from './filter-parser';

interface Row {
  name: string;
  status: string;
  score: number;
  updated: string;
  tags: string[];
  owner: string | null;
  active: boolean;
}

const FIELDS: FilterFields<Row> = {
  name: { kind: 'string', get: (r) => r.name },
  status: { kind: 'string', get: (r) => r.status },
  score: { kind: 'number', get: (r) => r.score },
  updated: { kind: 'datetime', get: (r) => r.updated },
  tags: { kind: 'stringArray', get: (r) => r.tags },
  owner: { kind: 'string', get: (r) => r.owner },
  active: { kind: 'boolean', get: (r) => r.active },
};

const ROWS: Row[] = [
  { name: 'ws-fin-001', status: 'New', score: 5, updated: '2024-01-10T10:00:00Z', tags: ['Finance', 'VIP'], owner: null, active: true },
  { name: 'ws-hr-014', status: 'Resolved', score: 2, updated: '2024-01-12T08:30:00.1234567Z', tags: ['HR'], owner: 'ann', active: false },
  { name: "o'brien-pc", status: 'InProgress', score: 9, updated: '2024-01-15T00:00:00Z', tags: [], owner: 'bob', active: true },
];

function names(filter: string): string[] {
  const node = parseFilter(filter);
  validateFilter(node, FIELDS);
  return ROWS.filter((r) => matchesFilter(node, r, FIELDS)).map((r) => r.name);
}

function odataErrorOf(filter: string): string {
  try {
    names(filter);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('ODataError');
    expect((error as ApiError).status).toBe(400);
    return (error as ApiError).message;
  }
  throw new Error(`expected '${filter}' to fail`);
}

describe('OData $filter', () => {
  it.each([
    ["status eq 'New'", ['ws-fin-001']],
    ["status ne 'New'", ['ws-hr-014', "o'brien-pc"]],
    ["status eq 'new'", ['ws-fin-001']],
    ['score gt 2', ['ws-fin-001', "o'brien-pc"]],
    ['score ge 2 and score lt 9', ['ws-fin-001', 'ws-hr-014']],
    ['score le 2 or score eq 9', ['ws-hr-014', "o'brien-pc"]],
    ['2 lt score', ['ws-fin-001', "o'brien-pc"]],
    ['updated ge 2024-01-12T00:00:00Z', ['ws-hr-014', "o'brien-pc"]],
    ['updated lt 2024-01-12T08:30:00.2Z', ['ws-fin-001', 'ws-hr-014']],
    ['updated gt 2024-01-12', ['ws-hr-014', "o'brien-pc"]],
    ["startswith(name,'ws-')", ['ws-fin-001', 'ws-hr-014']],
    ["startswith(name, 'WS-F')", ['ws-fin-001']],
    ["name eq 'o''brien-pc'", ["o'brien-pc"]],
    ["(status eq 'New' or status eq 'Resolved') and score gt 3", ['ws-fin-001']],
    ["not (status eq 'New')", ['ws-hr-014', "o'brien-pc"]],
    ['owner eq null', ['ws-fin-001']],
    ['owner ne null', ['ws-hr-014', "o'brien-pc"]],
    ['active eq true', ['ws-fin-001', "o'brien-pc"]],
    ["tags/any(t: t eq 'vip')", ['ws-fin-001']],
    ["tags/any(t: startswith(t, 'H'))", ['ws-hr-014']],
    ["tags/all(t: t ne 'HR')", ['ws-fin-001', "o'brien-pc"]],
  ])('%s', (filter, expected) => {
    expect(names(filter)).toEqual(expected);
  });

  it.each([
    ["unknown eq 'x'", /property named 'unknown'/],
    ["status has 'x'", /unsupported operator 'has'/],
    ["contains(name,'x')", /unsupported function 'contains'/],
    ["updated ge '2024-01-01T00:00:00Z'", /incompatible types/],
    ["score eq '5'", /incompatible types/],
    ["tags eq 'x'", /incompatible types/],
    ["status eq 'New' and", /incomplete|expected/],
    ["status eq 'New", /Unterminated/],
    ["status eq 'New')", /unexpected/],
    ["'a' eq 'b'", /one property and one literal/],
  ])('rejects %s with ODataError', (filter, message) => {
    expect(odataErrorOf(filter)).toMatch(message);
  });
});
