/**
 * Plain-language hints for the YAML slips playbook authors make most, appended to the yaml
 * library's own message (which names the grammar rule, not the fix).
 */

const INDENTATION_CODES = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'UNEXPECTED_TOKEN', 'TAB_AS_INDENT']);

export type YamlHint = { kind: 'quote' | 'indentation'; text: string };

/** The hint for a YAML syntax error (the yaml library's code) reported on a line with this text. */
export function yamlSyntaxHint(code: string, message: string, line: string): YamlHint | undefined {
  const m = /^(\s*(?:-\s+)?[^\s:#"'][^:#]*?:)\s+(.*?)\s*$/.exec(line);
  const value = m?.[2];
  // `key: ${{ 'a: b' }}` or `key: text: more`: a plain value may not contain ": ".
  if (m && value !== undefined && !/^["'|>[{&*!]/.test(value) && /:\s/.test(value)) {
    const quoted = `${m[1]!.trim()} "${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    const what = value.includes('${{') ? 'an expression containing `: `' : 'a value containing `: `';
    return { kind: 'quote', text: `${what} must be quoted: write \`${quoted}\` (or use \`>-\` and put the value on the next line)` };
  }
  // Flow collections (`[a, b`, `{a: b`) get a precise message of their own from the library.
  if (INDENTATION_CODES.has(code) && !/^Flow /.test(message)) {
    return {
      kind: 'indentation',
      text: 'check the indentation of this line and the lines around it: keys of one map start in the same column, nested values are indented further (spaces, not tabs)',
    };
  }
  return undefined;
}

/** The key written at `offset` in `text` (where the yaml library reports a duplicate key). */
export function keyAt(text: string, offset: number): string | undefined {
  const m = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^:\n#]+?))\s*:/.exec(text.slice(offset, offset + 300));
  if (!m) return undefined;
  return m[1] ?? m[2]?.replace(/''/g, "'") ?? m[3];
}
