/** Levenshtein distance, bounded to short words (keys, ids, names). */
function distance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.max(a.length, b.length);
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

const words = (name: string): string[] => name.toLowerCase().split(/[._\-\s]+/).filter(Boolean);

/**
 * The candidate made of the same words in another order (`defender.isolate_machine` →
 * `defender.machine.isolate`), each word allowed one typo; undefined when none or several fit.
 */
function sameWords(word: string, candidates: readonly string[]): string | undefined {
  const wanted = words(word).sort();
  if (wanted.length < 2) return undefined;
  const fits = candidates.filter((c) => {
    const have = words(c).sort();
    if (have.length !== wanted.length) return false;
    const left = [...have];
    return wanted.every((w) => {
      const i = left.findIndex((h) => distance(w, h) <= (w.length > 4 ? 1 : 0));
      return i >= 0 && left.splice(i, 1).length === 1;
    });
  });
  return fits.length === 1 ? fits[0] : undefined;
}

/** The closest candidate when it is close enough to be a likely typo, or the same words reordered. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const reordered = sameWords(word, list);
  if (reordered) return reordered;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of list) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}
