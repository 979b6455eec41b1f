// The one text analyzer of search and of the lists' `text` filters: ASCII folding, British to
// American spelling (spellingVariants.json), Porter2 stemming, and JTC-style names split into
// their letters and digits. Applied alike to stored text (index time) and to what users type.

import stem from 'wink-porter2-stemmer';
import variants from './spellingVariants.json';

/** A word as the analyzer keeps it: `word` folded and in American spelling, `stem` its Porter2 stem. */
export interface AnalysedWord {
  word: string;
  stem: string;
}

const WORDS: ReadonlyMap<string, string> = new Map(Object.entries(variants.words));
const RULES: ReadonlyArray<{ pattern: RegExp; replacement: string }> = variants.rules.map((rule) => ({
  pattern: new RegExp(rule.pattern),
  replacement: rule.replacement,
}));

// Letters that Unicode does not decompose into a base letter and a mark (NFKD leaves them whole).
const UNDECOMPOSED: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};

/** Lower case, without diacritics, only a-z, 0-9 and spaces ("Münster/Œdème" -> "munster oedeme"). */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæøœłđðþıħ]/g, (char) => UNDECOMPOSED[char] ?? char)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The American spelling of one folded word (leukaemia -> leukemia, optimisation -> optimization). */
export function americanSpelling(word: string): string {
  const listed = WORDS.get(word);
  if (listed !== undefined) return listed;
  let result = word;
  for (const rule of RULES) result = result.replace(rule.pattern, rule.replacement);
  return result;
}

/** The stem a folded, American-spelled word is indexed under (cancers -> cancer, economics -> econom). */
export function stemOf(word: string): string {
  // Numbers and letter-digit codes (2024, jtc2024, 99mtc) are names, not English words.
  return /\d/.test(word) ? word : stem(word);
}

function analyse(word: string): AnalysedWord {
  const american = americanSpelling(word);
  return { word: american, stem: stemOf(american) };
}

/**
 * The words of a text in order. A word joining letters and digits ("JTC2024", "PGxPM2025")
 * is followed by its parts ("jtc", "2024"), so that "JTC 2024" finds it as a phrase and
 * "jtc2024" as one word.
 */
export function analyseText(text: string): AnalysedWord[] {
  const words: AnalysedWord[] = [];
  for (const token of foldText(text).split(' ')) {
    if (token === '') continue;
    words.push(analyse(token));
    const parts = token.match(/[a-z]+|[0-9]+/g) ?? [];
    if (parts.length > 1) for (const part of parts) words.push(analyse(part));
  }
  return words;
}

/**
 * The words of a query, as typed (no letter-digit split: "jtc2024" is looked up whole and
 * "JTC 2024" as two words, which the index holds both ways).
 */
export function analyseQuery(text: string): AnalysedWord[] {
  return foldText(text)
    .split(' ')
    .filter((token) => token !== '')
    .map(analyse);
}
