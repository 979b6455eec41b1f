// Keyword tables (src/derivation/derivationKeywords.ts) as rules: the phrase matcher, the fields of
// a project it reads, and one INFERRED rule per table linking the projects whose own words
// match it to the table's gap or stage.

import { GAP_KEYWORDS, STAGE_KEYWORDS, type KeywordTable } from './derivationKeywords';
import { derivedLink, type DerivationRule, type RuleProject } from './ruleEngine';
import type { DerivedLinkRecord } from '../model';

/** One place where a keyword table matched: the field and the words matched. */
export type KeywordMatch = { field: 'title' | 'keywords' | 'description' | 'disease area'; text: string };

/** A text field a keyword table reads, named as the evidence names it. */
export type SearchableField = readonly [KeywordMatch['field'], string];

function escapeWord(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The regular expression of one phrase of a keyword table (syntax in derivationKeywords.ts):
 * whole words only, a space also matches a hyphen, a hyphen also matches a space or nothing,
 * a trailing `*` lets the word go on. Case-insensitive unless `caseSensitive` (acronyms).
 */
export function phraseRegExp(phrase: string, caseSensitive = false): RegExp {
  const body = phrase
    .trim()
    .split(/\s+/)
    .map((word) => {
      const open = word.endsWith('*');
      const stem = (open ? word.slice(0, -1) : word).split('-').map(escapeWord).join('[-\\s]?');
      return open ? `${stem}[\\p{L}\\p{N}-]*` : stem;
    })
    .join('[\\s-]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, caseSensitive ? 'gu' : 'giu');
}

/**
 * A phrase's regular expression and `needle`, letters every match contains: the longest of the
 * phrase's words and hyphen-separated parts (a trailing `*` left out), in `foldCase` form unless
 * the phrase is case-sensitive. A text without the needle cannot match, so the costly
 * expression (a Unicode lookbehind at every position) runs only on texts that hold it: the
 * keyword rules took 2-3 ms a project without, 0.2-0.4 ms with (10,000 projects, seed texts).
 */
type PhrasePattern = { regExp: RegExp; needle: string; caseSensitive: boolean };

/**
 * The text with every letter that a case-insensitive Unicode expression takes for an ASCII
 * letter made that letter: lower case, and the long s (U+017F), which /iu takes for "s".
 */
function foldCase(text: string): string {
  return text.toLowerCase().replace(/\u017f/g, 's');
}

/** The foldCase texts of a list of fields, made once per list for all the tables that read it. */
const foldedFieldLists = new WeakMap<readonly SearchableField[], readonly string[]>();

function foldedTexts(fields: readonly SearchableField[]): readonly string[] {
  let folded = foldedFieldLists.get(fields);
  if (folded === undefined) {
    folded = fields.map(([, text]) => foldCase(text));
    foldedFieldLists.set(fields, folded);
  }
  return folded;
}

function phrasePattern(phrase: string, caseSensitive: boolean): PhrasePattern {
  const parts = phrase
    .trim()
    .split(/\s+/)
    .flatMap((word) => word.replace(/\*$/, '').split('-'));
  const needle = parts.reduce((longest, part) => (part.length > longest.length ? part : longest), '');
  return {
    regExp: phraseRegExp(phrase, caseSensitive),
    needle: caseSensitive ? needle : foldCase(needle),
    caseSensitive,
  };
}

const compiledTables = new WeakMap<KeywordTable, PhrasePattern[]>();

/** The table's phrases and acronyms as patterns (compiled once per table). */
function tablePatterns(table: KeywordTable): PhrasePattern[] {
  let patterns = compiledTables.get(table);
  if (patterns === undefined) {
    patterns = [
      ...table.phrases.map((phrase) => phrasePattern(phrase, false)),
      ...(table.acronyms ?? []).map((acronym) => phrasePattern(acronym, true)),
    ];
    compiledTables.set(table, patterns);
  }
  return patterns;
}

/** Each project's fields, read once for all the keyword tables. */
const fieldsOfProjects = new WeakMap<RuleProject, readonly SearchableField[]>();

/** The fields keyword rules read of a project, in the order evidence lists them. */
export function projectFields(project: RuleProject): readonly SearchableField[] {
  const known = fieldsOfProjects.get(project);
  if (known !== undefined) return known;
  const fields: SearchableField[] = [];
  if (project.title !== null) fields.push(['title', project.title]);
  for (const keyword of project.keywords) fields.push(['keywords', keyword]);
  if (project.description !== null) fields.push(['description', project.description]);
  if (project.diseaseArea !== null) fields.push(['disease area', project.diseaseArea]);
  fieldsOfProjects.set(project, fields);
  return fields;
}

/**
 * Every distinct (field, matched words) of `table` in `fields`, in text order. A match lying
 * inside a longer match of the same text is dropped ("omics" inside "multi-omics"), so the
 * evidence names each passage once.
 */
export function keywordMatches(table: KeywordTable, fields: readonly SearchableField[]): KeywordMatch[] {
  const seen = new Set<string>();
  const matches: KeywordMatch[] = [];
  const folded = foldedTexts(fields);
  const patterns = tablePatterns(table);
  for (let index = 0; index < fields.length; index += 1) {
    const [field, text] = fields[index] as SearchableField;
    const foldedText = folded[index] ?? '';
    const spans: Array<{ start: number; end: number; text: string }> = [];
    for (const { regExp, needle, caseSensitive } of patterns) {
      if (!(caseSensitive ? text : foldedText).includes(needle)) continue;
      for (const match of text.matchAll(regExp)) {
        const start = match.index ?? 0;
        spans.push({ start, end: start + match[0].length, text: match[0] });
      }
    }
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    let coveredUntil = -1;
    for (const span of spans) {
      if (span.end <= coveredUntil) continue;
      coveredUntil = Math.max(coveredUntil, span.end);
      const key = `${field}\u0000${span.text.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      matches.push({ field, text: span.text });
    }
  }
  return matches;
}

/** The gap ids whose keyword table matches `text` (a call title or scope), in table order. */
export function gapsNamedByText(text: string): Array<{ gapId: string; matches: KeywordMatch[] }> {
  return GAP_KEYWORDS.rows.flatMap((table) => {
    const matches = keywordMatches(table, [['title', text]]);
    return matches.length === 0 ? [] : [{ gapId: table.toId, matches }];
  });
}

function matchEvidence(matches: readonly KeywordMatch[]): string {
  return `matched ${matches.map((match) => `"${match.text}" in ${match.field}`).join(', ')}`;
}

/** A keyword table as a rule over projects' own texts (exported to measure a table as it stood). */
export function keywordRule(table: KeywordTable): DerivationRule & { table: KeywordTable } {
  const toLabel = table.type === 'ADDRESSES' ? 'KnowledgeGap' : 'ValueChainStage';
  const words = [
    ...table.phrases.map((phrase) => `"${phrase}"`),
    ...(table.acronyms ?? []).map((acronym) => `${acronym} (case-sensitive)`),
  ];
  const rule: DerivationRule & { table: KeywordTable } = {
    id: table.id,
    provenance: 'INFERRED',
    description: `${table.description} Whole words and phrases: ${words.join(', ')}.`,
    confidenceNote:
      `${table.confidence} for any match: a word in a short paraphrase is weak evidence, more so for generic words.` +
      (table.heldOut === undefined
        ? ''
        : ` Lowered from ${table.heldOut.confidenceBefore}, under the default minConfidence: on the held-out projects ` +
          `${table.heldOut.correct} of its ${table.heldOut.links} links were right (${table.heldOut.reason}).`),
    table,
    derive(input) {
      const out: DerivedLinkRecord[] = [];
      for (const project of input.projects) {
        const matches = keywordMatches(table, projectFields(project));
        if (matches.length === 0) continue;
        out.push(
          derivedLink(
            rule,
            ['Project', project.id],
            table.type,
            [toLabel, table.toId],
            table.confidence,
            matchEvidence(matches),
          ),
        );
      }
      return out;
    },
  };
  return rule;
}

/** Project ADDRESSES KnowledgeGap keyword rules, one per gap that project texts can show. */
export const GAP_KEYWORD_RULES = GAP_KEYWORDS.rows.map(keywordRule);

/** Project AT_STAGE ValueChainStage keyword rules. */
export const STAGE_KEYWORD_RULES = STAGE_KEYWORDS.rows.map(keywordRule);
