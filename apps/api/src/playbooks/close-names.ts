import { distance } from 'fastest-levenshtein';

/**
 * Up to three known names close to `wanted`, best first: likely typos (a small edit distance)
 * when there are any, otherwise names sharing words with it in any order
 * (`machine-isolate` → `isolate-alert-machine`).
 */
export function closeNames(wanted: string, known: readonly string[], max = 3): string[] {
  const maxEdits = Math.max(2, Math.floor(wanted.length / 3));
  const typos = known
    .map((name) => ({ name, edits: distance(wanted, name) }))
    .filter((c) => c.edits <= maxEdits)
    .sort((a, b) => a.edits - b.edits || a.name.localeCompare(b.name));
  if (typos.length) return typos.slice(0, max).map((c) => c.name);

  const words = new Set(wanted.split('-').filter((w) => w.length > 2));
  return known
    .map((name) => ({ name, shared: name.split('-').filter((w) => words.has(w)).length }))
    .filter((c) => c.shared > 0)
    .sort((a, b) => b.shared - a.shared || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((c) => c.name);
}
