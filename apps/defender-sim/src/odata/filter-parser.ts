import { odataError } from '../http/api-error';
import type { ComparisonOp, FilterNode, Literal } from './filter-ast';
import { tokenize, type Token } from './filter-lexer';

const COMPARISONS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FLIPPED: Record<ComparisonOp, ComparisonOp> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };

/**
 * Parses the OData subset Defender documents (REFERENCE §2): comparisons, and/or/not,
 * parentheses, startswith(), plus `prop/any(x: x eq 'v')` for array properties such as machineTags.
 * Anything else is a 400 ODataError, as the real service answers.
 */
export function parseFilter(text: string): FilterNode {
  const parser = new Parser(tokenize(text), text);
  const node = parser.parseOr();
  parser.expectEnd();
  return node;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.isKeyword('or')) {
      this.pos++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  expectEnd(): void {
    if (this.pos < this.tokens.length) throw this.error(`unexpected '${describe(this.tokens[this.pos]!)}'`);
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary();
    while (this.isKeyword('and')) {
      this.pos++;
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    if (this.isKeyword('not')) {
      this.pos++;
      return { kind: 'not', operand: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): FilterNode {
    const token = this.peek();
    if (token?.kind === 'punct' && token.value === '(') {
      this.pos++;
      const inner = this.parseOr();
      this.expectPunct(')');
      return inner;
    }
    if (token?.kind === 'ident' && this.peek(1)?.kind === 'punct' && (this.peek(1) as { value: string }).value === '(') {
      return this.parseCall(token.value);
    }
    return this.parseComparison();
  }

  private parseCall(name: string): FilterNode {
    this.pos += 2;
    const lambda = /^(.+)\/(any|all)$/i.exec(name);
    if (lambda) {
      const variable = this.expectIdent();
      this.expectPunct(':');
      const predicate = this.parseOr();
      this.expectPunct(')');
      return { kind: 'lambda', quantifier: lambda[2]!.toLowerCase() as 'any' | 'all', property: lambda[1]!, variable, predicate };
    }
    if (name.toLowerCase() !== 'startswith') throw this.error(`unsupported function '${name}'`);
    const property = this.expectIdent();
    this.expectPunct(',');
    const value = this.next();
    if (value?.kind !== 'string') throw this.error('startswith expects a string literal');
    this.expectPunct(')');
    return { kind: 'startswith', property, value: value.value };
  }

  private parseComparison(): FilterNode {
    const left = this.next();
    if (!left) throw this.error('incomplete expression');
    const opToken = this.next();
    if (opToken?.kind !== 'ident' || !COMPARISONS.has(opToken.value.toLowerCase())) {
      throw this.error(`unsupported operator '${opToken ? describe(opToken) : 'end of input'}'`);
    }
    const op = opToken.value.toLowerCase() as ComparisonOp;
    const right = this.next();
    if (!right) throw this.error('incomplete comparison');
    if (isPropertyToken(left) && !isPropertyToken(right)) return { kind: 'compare', op, property: left.value, value: toLiteral(right, this) };
    if (isPropertyToken(right) && !isPropertyToken(left)) return { kind: 'compare', op: FLIPPED[op], property: right.value, value: toLiteral(left, this) };
    throw this.error('a comparison needs one property and one literal');
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t?.kind === 'ident' && t.value.toLowerCase() === word;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private next(): Token | undefined {
    return this.tokens[this.pos++];
  }

  private expectPunct(value: string): void {
    const t = this.next();
    if (t?.kind !== 'punct' || t.value !== value) throw this.error(`expected '${value}'`);
  }

  private expectIdent(): string {
    const t = this.next();
    if (t?.kind !== 'ident') throw this.error('expected a property name');
    return t.value;
  }

  error(message: string): Error {
    return odataError(`Invalid $filter '${this.text}': ${message}.`);
  }
}

const KEYWORD_LITERALS = new Set(['true', 'false', 'null']);

function isPropertyToken(t: Token): t is Extract<Token, { kind: 'ident' }> {
  return t.kind === 'ident' && !KEYWORD_LITERALS.has(t.value.toLowerCase());
}

function toLiteral(t: Token, parser: Parser): Literal {
  switch (t.kind) {
    case 'string':
      return { type: 'string', value: t.value };
    case 'number':
      return { type: 'number', value: t.value };
    case 'datetime':
      return { type: 'datetime', value: t.value };
    case 'ident': {
      const word = t.value.toLowerCase();
      if (word === 'null') return { type: 'null' };
      return { type: 'boolean', value: word === 'true' };
    }
    default:
      throw parser.error(`unexpected '${describe(t)}'`);
  }
}

function describe(t: Token): string {
  return t.kind === 'string' ? `'${t.value}'` : String(t.value);
}
