// The search-only properties a node stores (searchName, searchText, searchWords): its text run
// through the analyzer of normaliseText.ts, so that the full-text index and the lists' `text`
// filters compare stems with stems. Pure; src/db/searchIndex.ts keeps them current on writes.

import { analyseText, foldText } from './normaliseText';

/**
 * Bumped whenever the analyzer or the fields below change, so that start-up re-analyses old nodes.
 * 2: searchAcronym.
 */
export const SEARCH_ANALYZER_VERSION = 2;

/** The stored properties: space-separated words, which the full-text index reads with its whitespace analyzer. */
export interface SearchProperties {
  /** Stems of the record's names (name, acronym, title, short title, aliases; a call's id and year). */
  searchName: string;
  /** Stems of all its searchable text: the names plus keywords, disease area, description. */
  searchText: string;
  /** The same words as searchText, unstemmed, for search-as-you-type prefixes. */
  searchWords: string;
  /**
   * The acronym as lookups compare it (acronymKey): folded, so that funder(acronym: "isciii")
   * and "CatSalut-DS" find ISCIII and CatSalut/DS through an equality index; null (no property)
   * without an acronym.
   */
  searchAcronym: string | null;
  /** SEARCH_ANALYZER_VERSION when they were computed. */
  searchVersion: number;
}

/** Names of the stored properties, so that readers can leave them out of a record's facts. */
export const SEARCH_PROPERTY_NAMES: readonly (keyof SearchProperties)[] = [
  'searchName',
  'searchText',
  'searchWords',
  'searchAcronym',
  'searchVersion',
];

/**
 * The key two acronyms are the same by: case, accents, punctuation and spacing aside
 * ("BMBF / BMFTR" and "bmbf-bmftr" are "bmbf bmftr"); null when nothing is left.
 */
export function acronymKey(acronym: string): string | null {
  return foldText(acronym) || null;
}

/** Properties read as names (ranked higher), in this order. */
const NAME_FIELDS = [
  'acronym',
  'shortName',
  'shortTitle',
  'name',
  'title',
  'code',
  'officialName',
  'aliases',
];
/** Further properties read as text. */
const TEXT_FIELDS = ['keywords', 'diseaseArea', 'description', 'namesUsed'];

function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/**
 * The search properties of a node with `label` and `props`. `extraText` adds text that is not
 * a property, e.g. the names of a project's disease areas. A call is also named by its id and
 * year, so that "JTC2024", "jtc 2024" and "2024" find it.
 */
export function searchPropertiesOf(
  label: string,
  props: Readonly<Record<string, unknown>>,
  extraText: readonly string[] = [],
): SearchProperties {
  const nameTexts = NAME_FIELDS.flatMap((field) => texts(props[field]));
  if (label === 'Call') nameTexts.push(...texts(props.id), ...texts(props.year));
  const allTexts = [...nameTexts, ...TEXT_FIELDS.flatMap((field) => texts(props[field])), ...extraText];
  const names = analyseText(nameTexts.join(' \n '));
  const all = analyseText(allTexts.join(' \n '));
  return {
    searchName: names.map((word) => word.stem).join(' '),
    searchText: all.map((word) => word.stem).join(' '),
    searchWords: all.map((word) => word.word).join(' '),
    searchAcronym: typeof props.acronym === 'string' ? acronymKey(props.acronym) : null,
    searchVersion: SEARCH_ANALYZER_VERSION,
  };
}
