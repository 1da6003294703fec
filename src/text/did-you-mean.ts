/** "Did you mean …?": the edit distance between two words, and the nearest of a list of known words. */

/**
 * Damerau-Levenshtein distance in its optimal-string-alignment form: insertions, deletions,
 * substitutions and swaps of two neighbouring characters each cost 1 (`sumary` → `summary` is 1,
 * `tgas` → `tags` is 1). Counted in code points, so an accented letter is one edit, not two.
 */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  // Three rows suffice: a swap looks two rows back.
  let before: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    before = previous;
    previous = row;
  }
  return previous[t.length]!;
}

/**
 * The known word nearest to `word`, compared without regard to case, when it is at most
 * `maxDistance` edits away; ties go to the earlier word of `known`. Null when none is that close.
 */
export function didYouMean(word: string, known: readonly string[], maxDistance = 2): string | null {
  const lower = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = maxDistance + 1;
  for (const candidate of known) {
    // A word more than maxDistance longer or shorter cannot be close: skip the table.
    if (Math.abs([...candidate].length - [...lower].length) > maxDistance) continue;
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
