import { distance } from 'fastest-levenshtein';

/**
 * Up to three known names close to `wanted`: a likely typo (small edit distance) or sharing words
 * in any order (`machine-isolate` → `isolate-alert-machine`). Best first.
 */
export function closeNames(wanted: string, known: readonly string[], max = 3): string[] {
  const words = new Set(wanted.split('-').filter((w) => w.length > 2));
  return known
    .map((name) => {
      const shared = name.split('-').filter((w) => words.has(w)).length;
      const edits = distance(wanted, name);
      const typo = edits <= Math.max(2, Math.floor(wanted.length / 3));
      return { name, score: typo ? 100 - edits : shared > 0 ? shared * 10 - edits / 100 : -1 };
    })
    .filter((c) => c.score >= 0)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((c) => c.name);
}
