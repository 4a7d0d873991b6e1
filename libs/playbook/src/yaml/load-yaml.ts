import type { JsonValue, Problem } from '@soar/contracts';
import { Composer, LineCounter, Parser, isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { PROBLEM_CODES, formatPath, type PathSegment, type ProblemCode } from '../problems';
import { decodeSource, findLoneSurrogate, utf8Length } from './encoding';
import { SourceMap, type Position, type SourceNode } from './source-map';
import { keyAt, yamlSyntaxHint } from './yaml-hints';

/** Limits that keep a hostile document from exhausting the API process. */
export interface YamlLimits {
  /** Default 256 KiB. */
  maxBytes: number;
  /** Nesting of maps and lists. Default 64; real playbooks stay under 12. */
  maxDepth: number;
  /** Values after alias expansion. Default 50,000. */
  maxNodes: number;
  /** Alias (`*name`) uses. Default 100. */
  maxAliases: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxBytes: 256 * 1024, maxDepth: 64, maxNodes: 50_000, maxAliases: 100 };

export type LoadYamlResult = { ok: true; value: JsonValue; sourceMap: SourceMap } | { ok: false; problems: Problem[] };

/**
 * Parses one YAML document into plain JSON plus a map back to lines and columns. Only the YAML 1.2
 * core schema is accepted (no `!!binary`, `!!set`, `!!js/...` or custom `!tags`, no merge keys), so
 * the result is exactly what JSON can carry. Never throws on bad input.
 */
export function loadYaml(source: string | Uint8Array, limits: YamlLimits = DEFAULT_YAML_LIMITS): LoadYamlResult {
  const size = typeof source === 'string' ? (source.length > limits.maxBytes ? Infinity : utf8Length(source)) : source.length;
  if (size > limits.maxBytes) {
    return fail(PROBLEM_CODES.tooLarge, `the file is larger than ${limits.maxBytes} bytes`, { line: 1, column: 1 });
  }
  const decoded = decodeSource(source);
  if (!decoded.ok) return { ok: false, problems: [decoded.problem] };
  const text = decoded.text;

  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  // The parser is iterative; the composer is recursive. Measuring depth on the CST first keeps
  // deeply nested input from ever reaching the composer's stack.
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const cstProblems = inspectCst(tokens, limits.maxDepth, at);
  if (cstProblems.length > 0) return { ok: false, problems: cstProblems };

  const composer = new Composer({
    schema: 'core',
    version: '1.2',
    merge: false,
    uniqueKeys: true,
    strict: true,
    prettyErrors: false,
    intAsBigInt: false,
  });
  const docs = [...composer.compose(tokens, true, text.length)];
  const problems: Problem[] = [];
  if (docs.length > 1) {
    const second = docs[1].range?.[0] ?? 0;
    problems.push(problem(PROBLEM_CODES.multipleDocuments, 'the file must hold one YAML document (remove `---`)', at(second)));
  }
  const doc = docs[0];
  if (!doc) return fail(PROBLEM_CODES.yamlSyntax, 'the file is empty', { line: 1, column: 1 });
  const lines = text.split('\n');
  const reported = new Set<string>();
  let quotedLine = -1;
  for (const e of [...doc.errors, ...doc.warnings]) {
    const pos = at(e.pos[0]);
    if (e.code === 'DUPLICATE_KEY') {
      const key = keyAt(text, e.pos[0]);
      problems.push(problem(PROBLEM_CODES.duplicateKey, `${key ? `the key \`${key}\`` : 'this key'} appears twice in the same map; keep one`, pos));
    } else if (e.code === 'TAG_RESOLVE_FAILED') {
      continue; // reported by inspectCst with the tag's own position
    } else {
      // One slip often trips several grammar rules at the same place or on the next line.
      if (reported.has(`${pos.line}:${pos.column}`) || (quotedLine > 0 && pos.line <= quotedLine + 1)) continue;
      reported.add(`${pos.line}:${pos.column}`);
      const hint = yamlSyntaxHint(e.code, e.message, lines[pos.line - 1] ?? '');
      if (hint?.kind === 'quote') quotedLine = pos.line;
      problems.push(problem(PROBLEM_CODES.yamlSyntax, `YAML syntax error: ${e.message}${hint ? `; ${hint.text}` : ''}`, pos));
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const converter = new Converter(doc, limits, at, text);
  const root: SourceNode = { pos: { line: 1, column: 1 } };
  const value = doc.contents === null ? null : converter.convert(doc.contents as Node, [], root, 0);
  if (converter.problems.length > 0) return { ok: false, problems: converter.problems };
  return { ok: true, value, sourceMap: new SourceMap(root) };
}

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/** Rejects explicit tags and excessive nesting by walking the concrete syntax tree without recursion. */
function inspectCst(tokens: unknown[], maxDepth: number, at: (offset: number) => Position): Problem[] {
  const problems: Problem[] = [];
  const stack: [unknown, number][] = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (Array.isArray(node)) {
      for (const child of node) stack.push([child, depth]);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const token = node as { type?: string; offset?: number; source?: string };
    if (token.type === 'tag') {
      problems.push(
        problem(PROBLEM_CODES.unsupportedTag, `YAML tags such as \`${token.source}\` are not allowed; write plain values`, at(token.offset ?? 0)),
      );
      if (problems.length >= 20) return problems;
    }
    const inner = COLLECTIONS.has(token.type ?? '') ? depth + 1 : depth;
    if (inner > maxDepth) {
      return [problem(PROBLEM_CODES.tooDeep, `the document is nested more than ${maxDepth} levels deep`, at(token.offset ?? 0))];
    }
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'source' && child !== null && typeof child === 'object') stack.push([child, inner]);
    }
  }
  return problems;
}

class Converter {
  readonly problems: Problem[] = [];
  private nodes = 0;
  private aliases = 0;
  /** Set once a resource limit is hit: converting further would only repeat the same problem. */
  private exhausted = false;
  private readonly expanding = new Set<Node>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly limits: YamlLimits,
    private readonly at: (offset: number) => Position,
    private readonly text: string,
  ) {}

  convert(node: Node, path: PathSegment[], out: SourceNode, depth: number): JsonValue {
    out.pos = this.at(node.range?.[0] ?? 0);
    if (this.exhausted) return null;
    if (++this.nodes > this.limits.maxNodes) {
      this.exhausted = true;
      return this.report(PROBLEM_CODES.tooManyNodes, `the document has more than ${this.limits.maxNodes} values`, path, out.pos);
    }
    if (depth > this.limits.maxDepth) {
      this.exhausted = true;
      return this.report(PROBLEM_CODES.tooDeep, `the document is nested more than ${this.limits.maxDepth} levels deep`, path, out.pos);
    }
    if (isAlias(node)) {
      if (++this.aliases > this.limits.maxAliases) {
        this.exhausted = true;
        return this.report(PROBLEM_CODES.tooManyNodes, `the document uses more than ${this.limits.maxAliases} aliases`, path, out.pos);
      }
      const target = node.resolve(this.doc);
      if (!target || this.expanding.has(target)) {
        return this.report(PROBLEM_CODES.yamlSyntax, `alias *${node.source} does not point to an earlier anchor`, path, out.pos);
      }
      const pos = out.pos;
      this.expanding.add(target);
      const value = this.convert(target, path, out, depth);
      this.expanding.delete(target);
      out.pos = pos;
      return value;
    }
    if (isScalar(node)) {
      const range = node.range;
      return this.scalar(node.value, range ? this.text.slice(range[0], range[1]) : undefined, path, out);
    }
    if (isSeq(node)) {
      out.children = new Map();
      return node.items.map((item, i) => {
        const child: SourceNode = { pos: out.pos };
        out.children!.set(i, child);
        return item === null ? null : this.convert(item as Node, [...path, i], child, depth + 1);
      });
    }
    if (isMap(node)) {
      out.children = new Map();
      const entries: [string, JsonValue][] = [];
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const keyPos = this.at(keyNode?.range?.[0] ?? node.range?.[0] ?? 0);
        const key = this.key(keyNode, path, keyPos);
        if (key === undefined) continue;
        if (key === '<<' && isScalar(keyNode) && keyNode.type === 'PLAIN') {
          this.report(
            PROBLEM_CODES.yamlSyntax,
            'YAML merge keys (`<<: *anchor`) are not supported: write the keys out (an alias `*anchor` can still stand for a whole value)',
            path,
            keyPos,
          );
          continue;
        }
        if (out.children.has(key)) {
          this.report(PROBLEM_CODES.duplicateKey, `the key \`${key}\` appears twice in the same map; keep one`, [...path, key], keyPos);
          continue;
        }
        const child: SourceNode = { pos: keyPos, keyPos };
        out.children.set(key, child);
        const value = pair.value === null ? null : this.convert(pair.value as Node, [...path, key], child, depth + 1);
        child.keyPos = keyPos;
        entries.push([key, value]);
      }
      // fromEntries defines own properties, so a `__proto__` key stays a plain key.
      return Object.fromEntries(entries);
    }
    return this.report(PROBLEM_CODES.yamlSyntax, 'unsupported YAML node', path, out.pos);
  }

  private key(keyNode: Node | null, path: PathSegment[], pos: Position): string | undefined {
    const resolved = keyNode && isAlias(keyNode) ? keyNode.resolve(this.doc) : keyNode;
    if (resolved && isScalar(resolved)) {
      const v = resolved.value;
      if (typeof v === 'string') {
        if (findLoneSurrogate(v) >= 0) {
          this.report(PROBLEM_CODES.invalidEncoding, 'the key contains an invalid character (unpaired surrogate)', path, pos);
          return undefined;
        }
        return v;
      }
      if (typeof v === 'number' || typeof v === 'boolean') return resolved.source ?? String(v);
    }
    this.report(PROBLEM_CODES.invalidKey, 'map keys must be plain text', path, pos);
    return undefined;
  }

  private scalar(value: unknown, source: string | undefined, path: PathSegment[], out: SourceNode): JsonValue {
    if (typeof value === 'string') {
      if (findLoneSurrogate(value) >= 0) {
        return this.report(PROBLEM_CODES.invalidEncoding, 'the text contains an invalid character (unpaired surrogate)', path, out.pos);
      }
      out.source = source ?? value;
      return value;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        return this.report(PROBLEM_CODES.invalidNumber, 'infinite and NaN numbers are not allowed', path, out.pos);
      }
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
        return this.report(PROBLEM_CODES.invalidNumber, 'this number is too large to be exact; quote it to make it text', path, out.pos);
      }
      return value;
    }
    if (typeof value === 'boolean' || value === null) return value;
    return this.report(PROBLEM_CODES.unsupportedTag, 'only text, numbers, true/false and null are allowed here', path, out.pos);
  }

  private report(code: ProblemCode, message: string, path: PathSegment[], pos: Position): null {
    this.problems.push({ path: formatPath(path), message, line: pos.line, column: pos.column, code });
    return null;
  }
}

function problem(code: ProblemCode, message: string, pos: Position): Problem {
  return { path: '', message, line: pos.line, column: pos.column, code };
}

function fail(code: ProblemCode, message: string, pos: Position): LoadYamlResult {
  return { ok: false, problems: [problem(code, message, pos)] };
}
