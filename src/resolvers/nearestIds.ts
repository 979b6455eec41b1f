// The ids nearest to one a user typed wrongly, by edit distance: the suggestions that come with
// an unknown-id error. Pure.

/** Levenshtein distance (insertions, deletions, substitutions cost 1) between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Up to `count` of `known` nearest to `id` (ignoring case), nearest first, ties by id. Ids
 * further than half the longer id's length are too far to be what was meant and are left out,
 * so a made-up id gets no suggestion rather than three arbitrary ones.
 */
export function nearestIds(id: string, known: Iterable<string>, count = 3): string[] {
  const wanted = id.toLowerCase();
  const scored: Array<{ id: string; distance: number }> = [];
  for (const candidate of known) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance <= Math.ceil(Math.max(wanted.length, candidate.length) / 2))
      scored.push({ id: candidate, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return scored.slice(0, count).map((entry) => entry.id);
}

/**
 * Up to `count` acronyms of `candidates` nearest to `given`, as nearestIds ranks ids: an
 * acronym equal to it ignoring case, accents and punctuation (`key` gives that form) first,
 * then by edit distance on the lower-cased acronym within half the longer one's length,
 * ties by acronym then id. Candidates without an acronym are skipped.
 */
export function nearestAcronyms(
  given: string,
  candidates: Iterable<{ id: string; acronym: string | null }>,
  key: (acronym: string) => string | null,
  count = 3,
): Array<{ acronym: string; id: string }> {
  const wanted = given.trim().toLowerCase();
  const wantedKey = key(given);
  const scored: Array<{ acronym: string; id: string; distance: number }> = [];
  for (const { id, acronym } of candidates) {
    if (!acronym) continue;
    const distance =
      wantedKey !== null && key(acronym) === wantedKey ? -1 : editDistance(wanted, acronym.toLowerCase());
    if (distance <= Math.ceil(Math.max(wanted.length, acronym.length) / 2))
      scored.push({ acronym, id, distance });
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  scored.sort((x, y) => x.distance - y.distance || order(x.acronym, y.acronym) || order(x.id, y.id));
  return scored.slice(0, count).map(({ acronym, id }) => ({ acronym, id }));
}
