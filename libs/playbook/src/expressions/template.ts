/**
 * `${{ expr }}` templates inside strings. The scanner skips CEL string literals and balanced braces,
 * so `${{ {'a': {'b': 1}} }}` and `${{ "}}" }}` end where a reader expects. `$${{` writes a literal
 * `${{`.
 */
export type TemplatePart =
  | { kind: 'text'; text: string }
  /** `start` is the offset of `${{` in the string, `exprStart` of the expression text. */
  | { kind: 'expr'; expr: string; start: number; exprStart: number; end: number };

export type SplitResult = { ok: true; parts: TemplatePart[] } | { ok: false; message: string; offset: number };

const OPEN = '${{';

/** True when the string contains at least one `${{` (escaped ones included). */
export const hasTemplate = (s: string): boolean => s.includes(OPEN);

export function splitTemplate(s: string): SplitResult {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf(OPEN, i);
    if (open < 0) {
      text += s.slice(i);
      break;
    }
    if (open > 0 && s[open - 1] === '$') {
      // `$${{` is an escaped literal `${{`.
      text += s.slice(i, open - 1) + OPEN;
      i = open + OPEN.length;
      continue;
    }
    text += s.slice(i, open);
    const close = findClose(s, open + OPEN.length);
    if (close < 0) return { ok: false, message: 'this `${{` has no matching `}}`', offset: open };
    const raw = s.slice(open + OPEN.length, close);
    const lead = raw.length - raw.trimStart().length;
    const expr = raw.trim();
    if (expr === '') return { ok: false, message: '`${{ }}` is empty; put an expression inside', offset: open };
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
    parts.push({ kind: 'expr', expr, start: open, exprStart: open + OPEN.length + lead, end: close + 2 });
    i = close + 2;
  }
  if (text !== '') parts.push({ kind: 'text', text });
  return { ok: true, parts };
}

/** Offset of the `}}` closing an expression that starts at `from`, or -1. */
function findClose(s: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < s.length) {
    const c = s[i];
    if (c === '"' || c === "'") {
      i = skipString(s, i);
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return s[i + 1] === '}' ? i : -1;
      depth--;
    }
    i++;
  }
  return -1;
}

/** Index just past the CEL string literal starting at `i` (single, double or triple quoted). */
function skipString(s: string, i: number): number {
  const q = s[i];
  const triple = s.startsWith(q.repeat(3), i);
  const closing = triple ? q.repeat(3) : q;
  let j = i + closing.length;
  while (j < s.length) {
    if (s[j] === '\\') {
      j += 2;
      continue;
    }
    if (s.startsWith(closing, j)) return j + closing.length;
    if (!triple && s[j] === '\n') return j;
    j++;
  }
  return s.length;
}

/**
 * A condition or `foreach.items` may be written bare (`inputs.force`) or wrapped
 * (`${{ inputs.force }}`). Returns the bare expression, or a message when text is mixed in.
 */
export function unwrapExpression(s: string): { ok: true; expr: string; offset: number } | { ok: false; message: string; offset: number } {
  if (!hasTemplate(s)) {
    const lead = s.length - s.trimStart().length;
    return { ok: true, expr: s.trim(), offset: lead };
  }
  const lead = s.length - s.trimStart().length;
  const trimmed = s.trim();
  const split = splitTemplate(trimmed);
  if (!split.ok) return { ...split, offset: split.offset + lead };
  const [only] = split.parts;
  if (split.parts.length !== 1 || only.kind !== 'expr' || only.start !== 0 || only.end !== trimmed.length) {
    return { ok: false, message: 'write a single expression here, either bare or as one `${{ ... }}`', offset: 0 };
  }
  return { ok: true, expr: only.expr, offset: only.exprStart + lead };
}
