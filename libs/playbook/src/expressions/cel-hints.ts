/**
 * Hints for JavaScript habits in CEL expressions, where the parser's message ("found = but
 * expecting end of input", "unknown function includes()") does not say what to write instead.
 */
const HINTS: ReadonlyArray<{ test: RegExp; hint: string }> = [
  { test: /===|!==/, hint: 'CEL compares with `==` and `!=` (there is no `===` or `!==`)' },
  { test: /\.includes\s*\(/, hint: 'CEL has no `.includes()`: use `text.contains(part)` for text, `value in list` for lists' },
  { test: /\.length\b(?!\s*\()/, hint: 'CEL has no `.length`: use `size(x)` for text, lists and maps' },
  { test: /\.indexOf\s*\(/, hint: 'CEL has no `.indexOf()`: use `text.contains(part)` or `value in list`' },
  { test: /\.toLowerCase\s*\(|\.toUpperCase\s*\(/, hint: 'CEL spells these `lowerAscii()` and `upperAscii()`' },
  { test: /(?<![=!<>])=(?![=~])/, hint: 'CEL compares with `==`; a single `=` is not an operator' },
];

/** Hints for the slips found in `expr`, joined; empty when none applies. */
export function celHints(expr: string): string[] {
  const out: string[] = [];
  // Text inside string literals is not code: `'a === b'` is fine.
  const code = expr.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
  for (const { test, hint } of HINTS) if (test.test(code)) out.push(hint);
  return out;
}
