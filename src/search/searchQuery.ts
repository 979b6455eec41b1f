// What users type turned into the two forms search reads: a Lucene query over the search-only
// properties (the `search` query) and a list of terms (the lists' `text` filters). Both go
// through analyseQuery, the analyzer the stored properties went through.

import { analyseQuery, type AnalysedWord } from './normaliseText';

/** Boost of a word found in a record's names over one found in its other text. */
export const NAME_BOOST = 2;
/** Boost of the whole query found as a phrase (in that order, adjacent) in the names. */
export const NAME_PHRASE_BOOST = 6;
/** Boost of the whole query found as a phrase in the record's text. */
export const TEXT_PHRASE_BOOST = 4;

/**
 * A Lucene query that finds the words of `text` under any spelling and inflection: each word
 * as a stem in the names (boosted) or the text, or as a prefix of a word (search as you type);
 * with two words or more, the phrase ranks above records holding only one of them. Words hold
 * only a-z and 0-9 after analysis, so nothing needs escaping and no input is a syntax error.
 * Returns null when no word is left (the text was only punctuation).
 */
export function toLuceneQuery(text: string): string | null {
  const words = analyseQuery(text);
  if (words.length === 0) return null;
  const clauses = words.map(
    ({ word, stem }) => `(searchName:${stem}^${NAME_BOOST} OR searchText:${stem} OR searchWords:${word}*)`,
  );
  if (words.length > 1) {
    const phrase = words.map((word) => word.stem).join(' ');
    clauses.push(
      `searchName:"${phrase}"^${NAME_PHRASE_BOOST}`,
      `searchText:"${phrase}"^${TEXT_PHRASE_BOOST}`,
    );
  }
  return clauses.join(' ');
}

/**
 * The terms of a list's `text` filter: a record matches when it holds every word, each as a
 * stem or as the start of a word (src/db/listQuery.ts TEXT_MATCHES reads them).
 */
export function textFilterTerms(text: string): AnalysedWord[] {
  return analyseQuery(text);
}
