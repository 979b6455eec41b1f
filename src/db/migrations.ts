// Schema of the graph inside Neo4j: uniqueness constraints on every label's id, range
// indexes for the filtered and sorted properties, and the full-text index behind `search`.
// Every statement is IF (NOT) EXISTS, so applying them at each start-up is idempotent.

import { CURATION_SCHEMA_STATEMENTS } from './audit';
import { migrateIdentifierProperties } from './identifiers';
import type { Db } from './run';
import { refreshStaleSearchProperties, SEARCHABLE_LABELS } from './searchIndex';
import { sortKeyBackfillStatements, sortKeyIndexStatements } from './sortKeys';

/** Every node label of the model, in dependency order (referenced labels first). */
export const NODE_LABELS = [
  'Dataset',
  'Programme',
  'Country',
  'Region',
  'Funder',
  'Call',
  'Organisation',
  'Project',
  'Objective',
  'ValueChainStage',
  'SriaArea',
  'KnowledgeGap',
  'DiseaseArea',
  'Identifier',
  'SourceDataset',
  'Subject',
  'Output',
] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

/**
 * The full-text index behind `search`: it reads the search-only properties, which hold text
 * already analysed in TypeScript (src/search/normaliseText.ts: folding, US spelling, stems),
 * so its own analyzer only splits on spaces. A custom Lucene analyzer would need a Java plugin
 * that the Docker image lacks; analysing in TypeScript also lets the lists' `text` filters use
 * the very same analyzer.
 */
export const FULLTEXT_INDEX = 'entity_search';
export const FULLTEXT_LABELS = SEARCHABLE_LABELS;
export const FULLTEXT_PROPERTIES = ['searchName', 'searchText', 'searchWords'] as const;
/** Indexes of earlier versions, dropped at start-up. */
const RETIRED_INDEXES = ['entity_text'];

/** [label, property] pairs that list filters and sort keys read. */
const RANGE_INDEXES: ReadonlyArray<readonly [NodeLabel, string]> = [
  ['Funder', 'name'],
  ['Funder', 'kind'],
  ['Funder', 'countryCode'],
  // Acronym lookups (funder(acronym:), project(acronym:)) and their suggestions: searchProperties.ts.
  ['Funder', 'searchAcronym'],
  ['Project', 'searchAcronym'],
  ['Call', 'year'],
  ['Call', 'kind'],
  ['Project', 'year'],
  ['Project', 'acronym'],
  ['Organisation', 'name'],
  ['Organisation', 'countryCode'],
  ['Country', 'name'],
  ['Region', 'name'],
  ['Objective', 'order'],
  ['ValueChainStage', 'order'],
  ['KnowledgeGap', 'shortName'],
];

function snake(text: string): string {
  return text.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** The statements applySchema runs, exposed for documentation and tests. */
export function schemaStatements(): string[] {
  const constraints = NODE_LABELS.map(
    (label) =>
      `CREATE CONSTRAINT ${snake(label)}_id_unique IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
  );
  const indexes = RANGE_INDEXES.map(
    ([label, property]) =>
      `CREATE INDEX ${snake(label)}_${snake(property)} IF NOT EXISTS FOR (n:${label}) ON (n.${property})`,
  );
  const retired = RETIRED_INDEXES.map((name) => `DROP INDEX ${name} IF EXISTS`);
  const fulltext =
    `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS ` +
    `FOR (n:${FULLTEXT_LABELS.join('|')}) ON EACH [${FULLTEXT_PROPERTIES.map((p) => `n.${p}`).join(', ')}] ` +
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}";
  return [
    ...constraints,
    ...indexes,
    ...sortKeyIndexStatements(),
    ...retired,
    fulltext,
    ...CURATION_SCHEMA_STATEMENTS,
  ];
}

/**
 * Creates constraints and indexes that are missing, gives nodes written by an older search
 * analyzer (or before there was one) their search properties, and waits until every index is
 * online, so that the first query after start-up already uses them.
 */
export async function applySchema(db: Db): Promise<void> {
  // Schema commands cannot share a transaction with each other, hence one write each.
  for (const statement of schemaStatements()) await db.write(statement);
  await db.writeTransaction((tx) => refreshStaleSearchProperties(tx));
  await db.write('CALL db.awaitIndexes(300)');
  for (const statement of sortKeyBackfillStatements()) await db.write(statement);
  await migrateIdentifierProperties(db);
}
