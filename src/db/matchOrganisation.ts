// Organisation matching: an imported partner named "Name [CC]" is the existing
// organisation whose normalised name or alias equals it within the same country. Two or
// more candidates are ambiguous and reported, never guessed. Pure.

import type { OrganisationCandidate } from '../model';
import { slugify } from '../model/slugify';

/** How a name within a country resolved. */
export type OrganisationMatch =
  | { kind: 'existing'; id: string }
  /** No organisation has this name in this country: a new one gets `id`. */
  | { kind: 'new'; id: string }
  | { kind: 'ambiguous'; ids: string[] };

/**
 * The comparable form of a name: diacritics stripped, lower case, "&" read as "and",
 * punctuation and spacing collapsed to single spaces, a leading "the" dropped.
 * "Université Paris-Cité" and "universite paris cite" normalise alike.
 */
export function normaliseOrganisationName(name: string): string {
  if (typeof name !== 'string')
    throw new TypeError(`normaliseOrganisationName expects a string, received ${typeof name}`);
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

function key(countryCode: string, name: string): string {
  return `${countryCode}|${normaliseOrganisationName(name)}`;
}

/**
 * An index of organisations by (country, normalised name or alias). New organisations
 * added during an import are indexed too, so a name met twice makes one organisation.
 */
export class OrganisationIndex {
  private readonly byKey = new Map<string, Set<string>>();
  private readonly countries = new Map<string, string>();

  constructor(candidates: Iterable<OrganisationCandidate> = []) {
    for (const candidate of candidates) this.add(candidate);
  }

  /** Indexes an organisation under its name and every alias. */
  add(candidate: OrganisationCandidate): void {
    this.countries.set(candidate.id, candidate.countryCode);
    for (const name of [candidate.name, ...(candidate.aliases ?? [])]) {
      const k = key(candidate.countryCode, name);
      const set = this.byKey.get(k) ?? new Set<string>();
      set.add(candidate.id);
      this.byKey.set(k, set);
    }
  }

  /** True when an organisation with this id is indexed (existing or new). */
  hasId(id: string): boolean {
    return this.countries.has(id);
  }

  /** Country of an indexed organisation, or null. */
  countryOf(id: string): string | null {
    return this.countries.get(id) ?? null;
  }

  /** Ids of the organisations whose name or alias equals `name` within the country (sorted). */
  candidates(name: string, countryCode: string): string[] {
    return [...(this.byKey.get(key(countryCode, name)) ?? [])].sort();
  }

  /**
   * Matches a name within a country. When nothing matches, the new organisation's id is
   * org-<slug of the name>, or org-<slug>-<cc> when that id is taken in another country;
   * a still-taken id makes the match ambiguous rather than overwriting another record.
   * The new organisation is indexed, so later rows match it.
   */
  match(name: string, countryCode: string): OrganisationMatch {
    const found = this.byKey.get(key(countryCode, name));
    if (found !== undefined && found.size === 1) return { kind: 'existing', id: [...found][0]! };
    if (found !== undefined && found.size > 1) return { kind: 'ambiguous', ids: [...found].sort() };
    const base = `org-${slugify(name)}`;
    const candidates = [base, `${base}-${countryCode.toLowerCase()}`];
    const id = candidates.find((candidate) => !this.countries.has(candidate));
    if (id === undefined) return { kind: 'ambiguous', ids: candidates };
    this.add({ id, name, countryCode });
    return { kind: 'new', id };
  }
}
