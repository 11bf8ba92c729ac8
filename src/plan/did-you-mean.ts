// "Did you mean …?" for names people type: profiles, setting names. Commander does this for
// commands and flags; this is the same idea for names that live in the user's files. Pure.

/** Edit distance with adjacent transpositions (optimal string alignment), case-insensitive. */
function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[s.length]![t.length]!;
}

/** The candidate closest to `word` when it is close enough to be a typo of it; else undefined. */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    if (name === word) continue;
    const distance = editDistance(word, name);
    // At most 2 edits, and fewer than half the word: `devv` → `dev`, but `qa` is no typo of `dev`.
    if (distance > 2 || distance * 2 >= Math.max(word.length, 2)) continue;
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best?.name;
}

/** `dev, prod, staging and 12 more`: a short list for a one-line hint. */
export function shortList(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
