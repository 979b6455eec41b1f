// The root lookups as people type them: by id in any case (funder(id: "ISCIII-ES")), by
// acronym (funder(acronym: "isciii")), and, when nothing matches, null with the nearest ids and
// acronyms in extensions.suggestions. Every read seeks an index (src/db/lookups.ts).

import type { GraphQLResolveInfo } from 'graphql';
import { responsePathAsArray } from 'graphql';
import type { RequestContext } from '../context';
import { type AcronymLabel, idsByAcronym, type LookupCandidate, lookupCandidates } from '../db/lookups';
import type { EntityLabel, NodeModels } from '../db/models';
import { kindOfLabel } from '../db/search';
import { BadUserInputError } from '../errors';
import { acronymKey } from '../search/searchProperties';
import { MAX_TEXT_LENGTH } from './arguments';
import { nearestAcronyms, nearestIds } from './nearestIds';
import { entityById } from './planning/planned';
import { KIND_WORDS } from './validateIds';

/** How many records an ambiguous acronym's refusal lists (and reads, plus one to know there are more). */
export const AMBIGUOUS_LISTED = 10;

/** A checked lookup value: trimmed, 1 to MAX_TEXT_LENGTH characters. */
function lookupValue(value: string, argument: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > MAX_TEXT_LENGTH) {
    throw new BadUserInputError(argument, `must be 1 to ${MAX_TEXT_LENGTH} characters, got "${value}"`);
  }
  return trimmed;
}

/**
 * A record by id, matched in any case: as typed first (one planned statement or one batched
 * load, as before); only when that finds nothing, one statement of index seeks reads the
 * records it may have meant (lookupCandidates: the id in lower and upper case among them, as
 * stored ids are lower-case slugs or upper-case codes), and the record is read again under
 * its stored id. Null when no record matches, with a suggestion in `context.suggestions`.
 * `shown` is the value as the caller typed it, for the suggestion (a country code is looked
 * up upper-cased).
 */
export async function entityByTypedId<L extends EntityLabel>(
  context: RequestContext,
  info: GraphQLResolveInfo,
  label: L,
  id: string,
  argument = 'id',
  shown: string = id,
): Promise<NodeModels[L] | null> {
  const given = lookupValue(id, argument);
  const found = await entityById(context, info, label, given);
  if (found) return found;
  const candidates = await lookupCandidates(context.db, label, given);
  const stored = candidates.find(
    (candidate) => candidate.id !== given && candidate.id.toLowerCase() === given.toLowerCase(),
  );
  if (stored !== undefined) {
    const again = await entityById(context, info, label, stored.id);
    if (again) return again;
  }
  suggest(context, info, label, argument, shown.trim(), candidates);
  return null;
}

/**
 * A funder or project named by `id` (any case) or by `acronym`, exactly one of them. An
 * acronym matches whatever its case, accents, punctuation and spacing (acronymKey: "catsalut-ds"
 * is CatSalut/DS). Null with a suggestion when nothing matches.
 * @throws BadUserInputError when both or neither are given, or when the acronym is ambiguous:
 *   it names several records, listed (up to 10) in the message and extensions.candidates; the
 *   caller then asks by id.
 */
export async function entityByIdOrAcronym<L extends AcronymLabel>(
  context: RequestContext,
  info: GraphQLResolveInfo,
  label: L,
  args: { id?: string | null; acronym?: string | null },
): Promise<NodeModels[L] | null> {
  const { id, acronym } = args;
  if (id !== null && id !== undefined && acronym !== null && acronym !== undefined) {
    throw new BadUserInputError('acronym', 'give id or acronym, not both');
  }
  if (id !== null && id !== undefined) return entityByTypedId(context, info, label, id);
  if (acronym === null || acronym === undefined) {
    throw new BadUserInputError('id', `give the ${KIND_WORDS[label]}'s id or its acronym`);
  }
  const given = lookupValue(acronym, 'acronym');
  const ids = await idsByAcronym(context.db, label, given, AMBIGUOUS_LISTED + 1);
  if (ids.length === 1) return entityById(context, info, label, ids[0] as string);
  if (ids.length === 0) {
    suggest(context, info, label, 'acronym', given, await lookupCandidates(context.db, label, given));
    return null;
  }
  const listed = ids.slice(0, AMBIGUOUS_LISTED);
  const more = ids.length > AMBIGUOUS_LISTED ? ' and more' : '';
  throw new BadUserInputError(
    'acronym',
    `"${given}" is the acronym of ${listed.length > 1 ? 'several' : 'one'} ${KIND_WORDS[label]}s (${listed.join(', ')}${more}); ask by id`,
    { candidates: listed },
  );
}

/** Records what `given` may have meant, ranked from `candidates`, for extensions.suggestions. */
function suggest(
  context: RequestContext,
  info: GraphQLResolveInfo,
  label: EntityLabel,
  argument: string,
  given: string,
  candidates: readonly LookupCandidate[],
): void {
  const ids = nearestIds(
    given,
    candidates.map((candidate) => candidate.id),
  );
  const acronyms = nearestAcronyms(given, candidates, acronymKey);
  // Each record once, an exact acronym first, named by id with its acronym: isciii-es (ISCIII).
  const exact = acronyms.filter((a) => acronymKey(a.acronym) === acronymKey(given)).map((a) => a.id);
  const acronymOf = new Map(candidates.map((candidate) => [candidate.id, candidate.acronym]));
  const options = [...new Set([...exact, ...ids, ...acronyms.map((a) => a.id)])].map((option) => {
    const shown = acronymOf.get(option);
    return shown ? `${option} (${shown})` : option;
  });
  const kind = label === 'Country' ? 'country' : KIND_WORDS[label];
  const what = `no ${kind} has the ${argument} "${given}"`;
  context.suggestions.push({
    path: responsePathAsArray(info.path),
    argument,
    given,
    kind: kindOfLabel(label),
    ids,
    acronyms,
    message: options.length ? `${what}; did you mean ${options.join(', ')}?` : what,
  });
}
