// Full-text search over every kind of record through the `entity_search` index, with user
// text analysed as the stored text was (src/search/) and turned into a Lucene query that can
// never be a syntax error.

import { UnreachableCaseError } from '../errors';
import { FULLTEXT_INDEX } from './migrations';
import type { EntityLabel, SearchHitModel, TypedNode } from './models';
import { cypherInt, type Db } from './run';
import { toLuceneQuery } from '../search/searchQuery';
import { withoutSearchProperties } from './searchIndex';
import { TAGGED_WITH_SUBJECTS } from './subjects';

/** The node label of each entity kind (the GraphQL enum EntityKind). */
export const KIND_LABELS = {
  PROGRAMME: 'Programme',
  FUNDER: 'Funder',
  CALL: 'Call',
  PROJECT: 'Project',
  ORGANISATION: 'Organisation',
  COUNTRY: 'Country',
  REGION: 'Region',
  OBJECTIVE: 'Objective',
  VALUE_CHAIN_STAGE: 'ValueChainStage',
  SRIA_AREA: 'SriaArea',
  KNOWLEDGE_GAP: 'KnowledgeGap',
} as const satisfies Readonly<Record<string, EntityLabel>>;

/** An entity kind as the API names it, e.g. VALUE_CHAIN_STAGE (the GraphQL enum EntityKind). */
export type EntityKind = keyof typeof KIND_LABELS;

/** The GraphQL kind of a label. */
export function kindOfLabel(label: EntityLabel): EntityKind {
  switch (label) {
    case 'Programme':
      return 'PROGRAMME';
    case 'Funder':
      return 'FUNDER';
    case 'Call':
      return 'CALL';
    case 'Project':
      return 'PROJECT';
    case 'Organisation':
      return 'ORGANISATION';
    case 'Country':
      return 'COUNTRY';
    case 'Region':
      return 'REGION';
    case 'Objective':
      return 'OBJECTIVE';
    case 'ValueChainStage':
      return 'VALUE_CHAIN_STAGE';
    case 'SriaArea':
      return 'SRIA_AREA';
    case 'KnowledgeGap':
      return 'KNOWLEDGE_GAP';
    default:
      throw new UnreachableCaseError(label);
  }
}

const SEARCH = `
CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
WITH node, score, labels(node)[0] AS label
WHERE label IN $labels
RETURN label, node {.*} AS entity, score
ORDER BY score DESC, node.id
LIMIT $limit`;

/**
 * SEARCH restricted to projects tagged with one of `$subjects` (EuroSciVoc) or a narrower
 * subject: the same predicate as the projects list's subject filter, on the index's hits.
 */
const SEARCH_TAGGED = `
CALL db.index.fulltext.queryNodes($index, $query) YIELD node AS n, score
WITH n, score, labels(n)[0] AS label
WHERE label = 'Project' AND ${TAGGED_WITH_SUBJECTS}
RETURN label, n {.*} AS entity, score
ORDER BY score DESC, n.id
LIMIT $limit`;

export interface SearchArgs {
  /** The words searched for, checked by the caller (1 to 200 characters: src/resolvers/arguments.ts). */
  text: string;
  kinds?: readonly EntityKind[] | null;
  /**
   * Only projects tagged with one of these EuroSciVoc subjects or a narrower one, in the form
   * subjectFilterValues gives (the caller checks that `kinds`, when given, includes PROJECT).
   */
  subjects?: readonly string[] | null;
  limit: number;
}

/** Searches the full-text index; best match first. */
export async function searchEntities(db: Db, args: SearchArgs): Promise<SearchHitModel[]> {
  const query = toLuceneQuery(args.text.trim());
  if (query === null) return [];
  const labels = (args.kinds?.length ? args.kinds : (Object.keys(KIND_LABELS) as EntityKind[])).map(
    (kind) => KIND_LABELS[kind],
  );
  const rows = await db.read<{ label: EntityLabel; entity: Record<string, unknown>; score: number }>(
    args.subjects ? SEARCH_TAGGED : SEARCH,
    args.subjects
      ? { index: FULLTEXT_INDEX, query, subjects: args.subjects, limit: cypherInt(args.limit) }
      : { index: FULLTEXT_INDEX, query, labels, limit: cypherInt(args.limit) },
  );
  return rows.map((row) => {
    const entity = { ...withoutSearchProperties(row.entity), __typename: row.label } as TypedNode;
    return {
      kind: kindOfLabel(row.label),
      id: entity.id,
      label: displayName(row.entity),
      score: row.score,
      entity,
    };
  });
}

function displayName(entity: Record<string, unknown>): string {
  for (const key of ['acronym', 'shortName', 'shortTitle', 'name', 'title', 'id']) {
    const value = entity[key];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return String(entity.id);
}
