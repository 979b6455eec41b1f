// The organisation matcher of the connectors: a row of a public dataset (a ROR record, a CORDIS
// partner) is put onto the graph's Organisation or Funder by persistent identifier first (PIC,
// ROR, ...), then by normalised name, label, alias or acronym within its country. Each match has a
// score; below MATCH_THRESHOLD it is never taken silently: it goes to the review list. Pure.

import { normaliseOrganisationName } from '../db/matchOrganisation';
import type { IdentityCandidate } from '../db/identifiers';
import type { IdentifiedLabel } from '../db/identifiers';
import type { IdentifierScheme } from '../model';

/** How a name of the source's row is used: its own name, a label in another language, an alias, an acronym. */
export type NameKind = 'name' | 'label' | 'alias' | 'acronym';

/** What a source knows of the organisation a row stands for. */
export interface MatchRequest {
  /** The labels it may be (ROR: either; CORDIS partners: Organisation). */
  labels: readonly IdentifiedLabel[];
  /** Its names, the official one first. */
  names: ReadonlyArray<{ value: string; kind: NameKind }>;
  /** ISO 3166-1 alpha-2 (GR and GB, not EL and UK), or null when unknown. */
  countryCode: string | null;
  /** Its identifiers as `SCHEME:value` keys (canonical), in the order they are tried. */
  identifiers: readonly string[];
}

/** A graph record that the row may be. */
export interface MatchCandidate {
  label: IdentifiedLabel;
  id: string;
  name: string;
  score: number;
  /** e.g. "PIC:999991722", "name", "alias: Karolinska Institutet", "acronym: ISCIII". */
  reason: string;
}

/** A graph record carrying one of the row's identifiers, with the confidence of that assignment. */
export interface IdentifierHolder {
  label: IdentifiedLabel;
  id: string;
  name: string;
  confidence: number;
}

/** The outcome for one row. */
export type MatchOutcome =
  | { kind: 'matched'; match: MatchCandidate }
  /** Candidates exist but none may be taken: tied at the top, or below the threshold. */
  | { kind: 'review'; candidates: MatchCandidate[]; reason: string }
  | { kind: 'none' };

/**
 * Scores, each the share of such matches that are the same organisation as we judge it: an
 * identifier the source states of the row is the row; the official name within the country
 * nearly always is (two institutes of one name in one country exist, hence not 1); a label or
 * alias somewhat less (ROR aliases include former names, which another body may carry now); an
 * acronym alone is too weak to take (ISS, CNR, UCL each name several bodies of one country).
 */
export const MATCH_SCORES: Readonly<Record<'identifier' | NameKind, number>> = {
  identifier: 1,
  name: 0.95,
  label: 0.9,
  alias: 0.85,
  acronym: 0.6,
};

/** Matches at or above this score are taken; weaker ones go to the review list. */
export const MATCH_THRESHOLD = 0.8;

/** Identifier schemes in the order they decide (PIC and ROR are given per record by their registries). */
export const MATCH_SCHEME_ORDER: readonly IdentifierScheme[] = [
  'PIC',
  'ROR',
  'FUNDREF',
  'GRID',
  'ISNI',
  'WIKIDATA',
  'VAT',
];

/**
 * Schemes of which an organisation holds one value: a name match to a record that holds another
 * value of one of them than the row gives is refused (review), since the registry says they are
 * two bodies (ROR merges duplicates into one record; a second PIC of one body is a registry
 * duplicate that a curator, not a name, should join).
 */
export const SINGLE_VALUED_SCHEMES: readonly IdentifierScheme[] = ['ROR', 'PIC'];

function schemeOf(key: string): string {
  return key.slice(0, key.indexOf(':'));
}

/**
 * The first identifier a record holds (`held`) that contradicts the row's (`given`): same
 * single-valued scheme, another value, and the row does not give the held one too; or null.
 */
export function conflictingIdentifier(
  given: readonly string[],
  held: readonly string[],
): { held: string; given: string } | null {
  for (const heldKey of held) {
    const scheme = schemeOf(heldKey);
    if (!(SINGLE_VALUED_SCHEMES as readonly string[]).includes(scheme) || given.includes(heldKey)) continue;
    const other = given.find((key) => schemeOf(key) === scheme);
    if (other !== undefined) return { held: heldKey, given: other };
  }
  return null;
}

function nameKey(countryCode: string | null, name: string): string | null {
  const normalised = normaliseOrganisationName(name);
  return normalised === '' || countryCode === null ? null : `${countryCode}|${normalised}`;
}

interface Indexed {
  label: IdentifiedLabel;
  id: string;
  name: string;
  /** How the graph record holds this name: its name, an alias, an acronym. */
  held: 'name' | 'alias' | 'acronym';
}

/** The graph's organisations and funders by (country, normalised name, alias or acronym). */
export class IdentityIndex {
  private readonly byKey = new Map<string, Indexed[]>();
  private readonly names = new Map<string, string>();
  /** `Label:id` -> the record's country and the index keys of its acronyms (replaced by setAcronyms). */
  private readonly held = new Map<string, { countryCode: string | null; acronymKeys: string[] }>();
  /** `Label:id` -> the record's identifier keys of SINGLE_VALUED_SCHEMES. */
  private readonly identifiers = new Map<string, string[]>();

  constructor(entries: Iterable<{ label: IdentifiedLabel; candidate: IdentityCandidate }> = []) {
    for (const { label, candidate } of entries) this.add(label, candidate);
  }

  /** Indexes a record under its name, aliases and acronyms (a record created during a run too). */
  add(label: IdentifiedLabel, candidate: IdentityCandidate): void {
    this.names.set(`${label}:${candidate.id}`, candidate.name);
    this.held.set(`${label}:${candidate.id}`, { countryCode: candidate.countryCode, acronymKeys: [] });
    this.addIdentifiers(label, candidate.id, candidate.identifiers ?? []);
    const held: Array<[string, Indexed['held']]> = [
      [candidate.name, 'name'],
      ...candidate.aliases.map((alias): [string, Indexed['held']] => [alias, 'alias']),
    ];
    for (const [name, how] of held) this.put(label, candidate.id, name, how);
    this.setAcronyms(label, candidate.id, candidate.acronyms);
  }

  /** Indexes one name of an indexed record; a name it holds already keeps how it was first held. Returns its key. */
  private put(label: IdentifiedLabel, id: string, name: string, how: Indexed['held']): string | null {
    const key = nameKey(this.held.get(`${label}:${id}`)?.countryCode ?? null, name);
    if (key === null) return null;
    const list = this.byKey.get(key) ?? [];
    if (!list.some((entry) => entry.label === label && entry.id === id))
      list.push({ label, id, name: this.nameOf(label, id) ?? id, held: how });
    this.byKey.set(key, list);
    return key;
  }

  /**
   * Replaces the acronyms an indexed record is found by with `acronyms`, as a run that writes a
   * matched record's short form (ACRONYM_PROPERTIES) replaces the stored one: the rows after it
   * in the run then see what a later run would read from the graph. A record not indexed is left alone.
   */
  setAcronyms(label: IdentifiedLabel, id: string, acronyms: readonly string[]): void {
    const record = this.held.get(`${label}:${id}`);
    if (record === undefined) return;
    for (const key of record.acronymKeys) {
      const list = (this.byKey.get(key) ?? []).filter(
        (entry) => !(entry.label === label && entry.id === id && entry.held === 'acronym'),
      );
      if (list.length === 0) this.byKey.delete(key);
      else this.byKey.set(key, list);
    }
    record.acronymKeys = acronyms
      .map((acronym) => this.put(label, id, acronym, 'acronym'))
      .filter((key): key is string => key !== null);
  }

  /** Records that an indexed record holds these identifier keys (those of single-valued schemes). */
  addIdentifiers(label: IdentifiedLabel, id: string, keys: readonly string[]): void {
    const single = keys.filter((key) => (SINGLE_VALUED_SCHEMES as readonly string[]).includes(schemeOf(key)));
    if (single.length === 0) return;
    const held = this.identifiers.get(`${label}:${id}`) ?? [];
    this.identifiers.set(`${label}:${id}`, [...held, ...single.filter((key) => !held.includes(key))]);
  }

  /** The identifier keys of single-valued schemes an indexed record holds. */
  identifiersOf(label: IdentifiedLabel, id: string): readonly string[] {
    return this.identifiers.get(`${label}:${id}`) ?? [];
  }

  /** The name of an indexed record, or null. */
  nameOf(label: IdentifiedLabel, id: string): string | null {
    return this.names.get(`${label}:${id}`) ?? null;
  }

  /**
   * The records a row's names reach within its country, each at its best score: the row's
   * name kind sets the score, and a name met only as one side's acronym counts as an acronym.
   */
  byName(request: MatchRequest): MatchCandidate[] {
    const best = new Map<string, MatchCandidate>();
    for (const name of request.names) {
      const key = nameKey(request.countryCode, name.value);
      if (key === null) continue;
      for (const entry of this.byKey.get(key) ?? []) {
        if (!request.labels.includes(entry.label)) continue;
        const kind: NameKind = entry.held === 'acronym' || name.kind === 'acronym' ? 'acronym' : name.kind;
        const score = MATCH_SCORES[kind];
        const recordKey = `${entry.label}:${entry.id}`;
        if ((best.get(recordKey)?.score ?? -1) >= score) continue;
        best.set(recordKey, {
          label: entry.label,
          id: entry.id,
          name: entry.name,
          score,
          reason: kind === 'name' ? 'name' : `${kind}: ${name.value}`,
        });
      }
    }
    return [...best.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }
}

/**
 * Decides one row. `byIdentifier` gives, per identifier key, the records of each label that
 * carry it. The first identifier (in the request's order) that some record carries decides:
 * one record is a match at the confidence of its assignment (1 when a registry or curator gave
 * it); several are a review (the graph holds a duplicate). Without
 * an identifier hit, the names decide: one best candidate at or above MATCH_THRESHOLD is a
 * match unless it holds another ROR or PIC than the row gives (SINGLE_VALUED_SCHEMES); that, ties
 * at the top, or a best below the threshold, are a review.
 */
export function matchOrganisation(
  request: MatchRequest,
  byIdentifier: ReadonlyMap<string, readonly IdentifierHolder[]>,
  index: IdentityIndex,
): MatchOutcome {
  for (const key of request.identifiers) {
    const holders = (byIdentifier.get(key) ?? []).filter((holder) => request.labels.includes(holder.label));
    if (holders.length === 0) continue;
    // A hit is as sure as the assignment it reaches: an identifier a name match gave earlier
    // keeps that match's confidence, so the same dump twice writes the same confidences.
    const candidates = holders.map(({ confidence, ...holder }) => ({
      ...holder,
      score: Math.min(MATCH_SCORES.identifier, confidence),
      reason: key,
    }));
    if (candidates.length === 1) return { kind: 'matched', match: candidates[0]! };
    return { kind: 'review', candidates, reason: `${key} is carried by ${candidates.length} records` };
  }
  const candidates = index.byName(request);
  if (candidates.length === 0) return { kind: 'none' };
  const top = candidates.filter((candidate) => candidate.score === candidates[0]!.score);
  if (top.length > 1)
    return {
      kind: 'review',
      candidates: top,
      reason: `${top.length} records match equally (${top[0]!.reason})`,
    };
  const best = top[0]!;
  if (best.score >= MATCH_THRESHOLD) {
    const conflict = conflictingIdentifier(request.identifiers, index.identifiersOf(best.label, best.id));
    if (conflict === null) return { kind: 'matched', match: best };
    return {
      kind: 'review',
      candidates: [best],
      reason: `${best.label}:${best.id} matches by ${best.reason} but holds ${conflict.held}, the row gives ${conflict.given}`,
    };
  }
  return {
    kind: 'review',
    candidates: candidates.slice(0, 5),
    reason: `best score ${best.score} is below ${MATCH_THRESHOLD} (${best.reason})`,
  };
}
