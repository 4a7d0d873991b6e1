import type { Text } from '@codemirror/state';
import type { Diagnostic } from '@codemirror/lint';
import type { Problem } from '../../api/types';

/**
 * The server's problems as editor diagnostics: line and column (1-based) become a range to the end
 * of the word there; a problem without a location marks the first line.
 */
export function problemsToDiagnostics(doc: Text, problems: Problem[]): Diagnostic[] {
  return problems.map((p) => {
    const line = doc.line(Math.min(Math.max(p.line ?? 1, 1), doc.lines));
    const from = Math.min(line.from + Math.max((p.column ?? 1) - 1, 0), line.to);
    const rest = doc.sliceString(from, line.to);
    const word = /^[^\s:,[\]{}]+/.exec(rest)?.[0].length ?? 0;
    const to = word > 0 ? from + word : line.to > from ? line.to : from;
    return { from, to, severity: 'error', source: 'server', message: p.path ? `${p.path}: ${p.message}` : p.message };
  });
}
