// The connectors' identity resolver (a RecordResolver of the runner): node records that carry a
// MatchRequest are put onto the graph's Organisation or Funder by organisationMatcher.ts, and the
// relationships that start at them follow. One graph record is matched by one row of a run at
// most. What the matcher cannot take goes to the review list (our node, their row, score,
// reason): with `unmatched: 'create'` the row becomes a new node flagged possibleDuplicateOf,
// with 'drop' (ROR: it only enriches what the graph holds) it is not written.

import { stringify } from 'csv-stringify/sync';
import { readerOf } from '../db/curation';
import {
  ACRONYM_PROPERTIES,
  IDENTIFIED_LABELS,
  identityCandidates,
  identifierHolders,
  type IdentifiedLabel,
} from '../db/identifiers';
import type { Db } from '../db/run';
import { connectorLinkShape } from '../model';
import {
  IdentityIndex,
  matchOrganisation,
  type IdentifierHolder,
  type MatchCandidate,
  type MatchRequest,
  SINGLE_VALUED_SCHEMES,
} from './organisationMatcher';
import type { ConnectorRecord, LinkRecord, NodeRecord, RecordResolver } from './source';

/** A row the matcher did not take silently, as the review file lists it. */
export interface MatchReview {
  /** The source's id of the row (a ROR id, org-pic-<PIC>). */
  theirId: string;
  theirName: string;
  theirCountry: string | null;
  /** The graph record it may be (the best candidate), or null when none is left to name. */
  ourLabel: IdentifiedLabel | null;
  ourId: string | null;
  ourName: string | null;
  score: number | null;
  reason: string;
  /** What was written: a new node flagged possibleDuplicateOf, or nothing. */
  outcome: 'new node flagged possible duplicate' | 'not written';
}

/** Columns of the review CSV, in order. */
export const REVIEW_COLUMNS = [
  'theirId',
  'theirName',
  'theirCountry',
  'ourLabel',
  'ourId',
  'ourName',
  'score',
  'reason',
  'outcome',
] as const satisfies ReadonlyArray<keyof MatchReview>;

/** A node record a source emits for the matcher: the row's names, country and identifiers. */
export type MatchableRecord = NodeRecord & { match: MatchRequest };

export function isMatchable(record: ConnectorRecord): record is MatchableRecord {
  return record.kind === 'node' && 'match' in record && record.match !== undefined;
}

export interface IdentityResolverOptions {
  /** What happens to a row that matches nothing or goes to review. */
  unmatched: 'create' | 'drop';
}

/** The resolver of one run, with what it decided (for the run report and the review file). */
export class IdentityResolver {
  readonly reviews: MatchReview[] = [];
  /** Rows per outcome: matched by identifier scheme or by name kind, review, new, dropped. */
  readonly tally = new Map<string, number>();
  private index: IdentityIndex | null = null;
  /** `Label:id` of graph records matched in this run, with the row that took them. */
  private readonly claimed = new Map<string, string>();
  /**
   * Row id -> the graph records it became (none: not written), kept for the whole run: a CORDIS
   * organisation is emitted once, its partnerships in later batches too.
   */
  private readonly placed = new Map<string, Placement[]>();

  constructor(
    private readonly db: Db,
    private readonly options: IdentityResolverOptions,
  ) {}

  /** The function the runner calls per batch. */
  get resolve(): RecordResolver {
    return (records) => this.resolveBatch(records);
  }

  private count(key: string): void {
    this.tally.set(key, (this.tally.get(key) ?? 0) + 1);
  }

  private async loadIndex(): Promise<IdentityIndex> {
    if (this.index !== null) return this.index;
    const reader = readerOf(this.db);
    const index = new IdentityIndex();
    for (const label of IDENTIFIED_LABELS)
      for (const candidate of await identityCandidates(reader, label, SINGLE_VALUED_SCHEMES))
        index.add(label, candidate);
    this.index = index;
    return index;
  }

  private async holders(keys: readonly string[]): Promise<Map<string, IdentifierHolder[]>> {
    const found = new Map<string, IdentifierHolder[]>();
    const reader = readerOf(this.db);
    for (const label of IDENTIFIED_LABELS) {
      for (const [key, holders] of await identifierHolders(reader, label, keys))
        found.set(key, [
          ...(found.get(key) ?? []),
          ...holders.map((holder) => ({
            label,
            ...holder,
            name: this.index?.nameOf(label, holder.id) ?? holder.id,
          })),
        ]);
    }
    return found;
  }

  private async resolveBatch(records: readonly ConnectorRecord[]): Promise<ConnectorRecord[]> {
    const rows = records.filter(isMatchable);
    if (rows.length === 0) return [...records];
    const index = await this.loadIndex();
    const byIdentifier = await this.holders([...new Set(rows.flatMap((row) => row.match.identifiers))]);
    const resolved: ConnectorRecord[] = [];
    for (const record of records) {
      if (isMatchable(record)) {
        const node = this.place(record, byIdentifier, index);
        this.placed.set(record.id, node.placements);
        resolved.push(...node.records);
        continue;
      }
      const placements = record.kind === 'link' ? this.placed.get(record.from) : undefined;
      if (record.kind === 'node' || placements === undefined) {
        resolved.push(record);
        continue;
      }
      for (const placement of placements) {
        const link = followed(record, placement);
        if (link !== null) resolved.push(link);
      }
    }
    return resolved;
  }

  /**
   * One row, label by label (a ROR record may be one of our organisations and one of our
   * funders: the same institute in both roles): the records to write and where relationships
   * from the row go.
   */
  private place(
    record: MatchableRecord,
    byIdentifier: ReadonlyMap<string, readonly IdentifierHolder[]>,
    index: IdentityIndex,
  ): { records: NodeRecord[]; placements: Placement[] } {
    const { match, propertiesAs, ...plain } = record;
    const records: NodeRecord[] = [];
    const placements: Placement[] = [];
    const doubts: Array<{ candidates: readonly MatchCandidate[]; reason: string }> = [];
    for (const label of match.labels) {
      const outcome = matchOrganisation({ ...match, labels: [label] }, byIdentifier, index);
      if (outcome.kind === 'none') continue;
      if (outcome.kind === 'review') {
        doubts.push(outcome);
        continue;
      }
      const key = `${outcome.match.label}:${outcome.match.id}`;
      const holder = this.claimed.get(key);
      if (holder !== undefined && holder !== record.id) {
        doubts.push({
          candidates: [outcome.match],
          reason: `${key} was matched by ${holder} earlier in this run`,
        });
        continue;
      }
      this.claimed.set(key, record.id);
      // "PIC:999991722" -> PIC, "alias: Karolinska Institutet" -> alias.
      this.count(`matched by ${outcome.match.reason.split(':')[0]!}`);
      const { id, score } = outcome.match;
      index.addIdentifiers(label, id, match.identifiers);
      const properties = propertiesAs?.[label] ?? plain.properties;
      // The short form the row writes on the record is the one the next run reads from the graph.
      const short = properties[ACRONYM_PROPERTIES[label]];
      if (short !== undefined) index.setAcronyms(label, id, typeof short === 'string' ? [short] : []);
      // A matched record leaves possibleDuplicateOf as the node holds it (the flag a run wrote
      // when it created the node, or a curator's decision since): it is no content of the row.
      records.push({ ...plain, label, id, properties });
      placements.push({ label, id, score });
    }
    const create = this.options.unmatched === 'create' && placements.length === 0;
    for (const doubt of doubts) this.review(plain, match, doubt.candidates, doubt.reason, create, index);
    if (!create) {
      if (placements.length === 0 && doubts.length === 0) this.count('not matched');
      return { records, placements };
    }
    this.count(doubts.length === 0 ? 'new' : 'new, possible duplicate');
    const label = match.labels[0]!;
    this.indexNew(label, plain, match, index);
    const possible = doubts.flatMap((doubt) => doubt.candidates.map((candidate) => candidate.id));
    const created: NodeRecord =
      possible.length === 0
        ? { ...plain, label }
        : { ...plain, label, identityReview: { possibleDuplicateOf: [...new Set(possible)] } };
    return { records: [created], placements: [{ label, id: plain.id, score: 1 }] };
  }

  private review(
    plain: NodeRecord,
    match: MatchRequest,
    candidates: readonly MatchCandidate[],
    reason: string,
    created: boolean,
    index: IdentityIndex,
  ): void {
    this.count('review');
    const best = candidates[0] ?? null;
    this.reviews.push({
      theirId: plain.id,
      theirName: match.names[0]?.value ?? '',
      theirCountry: match.countryCode,
      ourLabel: best?.label ?? null,
      ourId: best?.id ?? null,
      ourName: best === null ? null : (index.nameOf(best.label, best.id) ?? best.name),
      score: best?.score ?? null,
      reason,
      outcome: created ? 'new node flagged possible duplicate' : 'not written',
    });
  }

  /** A new record is indexed, so that a later row of the same organisation finds it. */
  private indexNew(
    label: IdentifiedLabel,
    plain: NodeRecord,
    match: MatchRequest,
    index: IdentityIndex,
  ): void {
    index.add(label, {
      id: plain.id,
      name: match.names[0]?.value ?? plain.id,
      countryCode: match.countryCode,
      aliases: match.names
        .slice(1)
        .filter((name) => name.kind !== 'acronym')
        .map((name) => name.value),
      acronyms: match.names.filter((name) => name.kind === 'acronym').map((name) => name.value),
      identifiers: [...match.identifiers],
    });
    this.claimed.set(`${label}:${plain.id}`, plain.id);
  }
}

/** A graph record a row became, with the score of that match (1 for a record the row created). */
interface Placement {
  label: IdentifiedLabel;
  id: string;
  score: number;
}

/**
 * A relationship from a placed row: it starts at the graph record the row became (an
 * identifier the row gives is as sure as the match that placed it), or is dropped with its row.
 */
function followed(record: LinkRecord, placed: Placement): LinkRecord | null {
  const shape = connectorLinkShape(record.shape.type, placed.label, record.shape.to);
  // A shape the graph record's label cannot have (e.g. LOCATED_IN from a Funder, which is BASED_IN
  // its country by the curated data) is not written.
  if (shape === null) return null;
  const properties =
    shape.type === 'HAS_IDENTIFIER'
      ? {
          ...record.properties,
          confidence: Math.min(Number(record.properties.confidence ?? 1), placed.score),
        }
      : record.properties;
  return { ...record, shape, from: placed.id, properties };
}

/** The review list as CSV (RFC 4180, header line first): one line per row the matcher did not take. */
export function reviewCsv(reviews: readonly MatchReview[]): string {
  return stringify(
    reviews.map((review) => REVIEW_COLUMNS.map((column) => review[column] ?? '')),
    { header: true, columns: [...REVIEW_COLUMNS] },
  );
}
