// The query corpus of issue 19: realistic questions written from the SDL as a person writes
// them (default page sizes, literals inline), which the default limits must accept
// anonymously, and huge shapes they must refuse. One operation per .graphql file under
// bench/queries/<set>/, its leading `#` lines the question; the bench:peer "deep" scenario
// (ten funders) joins the realistic set from bench/peerScenarios.ts.

import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { PROJECT_ROOT } from '../src/config';
import { operationCost } from '../src/http/cost/operationCost';
import type { GraphStatistics } from '../src/resolvers/graphStatisticsModel';
import { loadTypeDefs } from '../src/schema';
import { PEER_SCENARIOS } from './peerScenarios';

export interface CorpusQuery {
  /** The file name without .graphql, or `peer-<scenario>`. */
  name: string;
  /** What a person asks with it (the file's leading comment). */
  question: string;
  query: string;
  variables?: Record<string, unknown>;
}

export type CorpusSet = 'realistic' | 'huge';

/** The folder of a set. */
export function corpusDirectory(set: CorpusSet): string {
  return path.join(PROJECT_ROOT, 'bench', 'queries', set);
}

/** Reads one .graphql file of the corpus: its leading comment lines are the question. */
export function readCorpusFile(file: string): CorpusQuery {
  const text = fs.readFileSync(file, 'utf8');
  const question = text
    .split('\n')
    .filter((line) => line.startsWith('#'))
    .map((line) => line.replace(/^#\s?/, ''))
    .join(' ')
    .trim();
  if (!question)
    throw new TypeError(`readCorpusFile expected a leading # question in ${file}, received none`);
  return { name: path.basename(file, '.graphql'), question, query: text };
}

/** The queries of `set`, by file name; the realistic set ends with bench:peer's deep scenario. */
export function corpusQueries(set: CorpusSet): CorpusQuery[] {
  const directory = corpusDirectory(set);
  const files = fs
    .readdirSync(directory)
    .filter((file) => file.endsWith('.graphql'))
    .sort();
  const queries = files.map((file) => readCorpusFile(path.join(directory, file)));
  if (set === 'realistic') {
    const deep = PEER_SCENARIOS.find((scenario) => scenario.name === 'deep');
    if (!deep)
      throw new TypeError('corpusQueries expected the deep scenario in PEER_SCENARIOS, received none');
    queries.push({
      name: 'peer-deep',
      question: `bench:peer's deep scenario: ${deep.description}`,
      query: deep.ours.query,
      ...(deep.ours.variables && { variables: deep.ours.variables }),
    });
  }
  return queries;
}

/** The served schema, built once for pricing outside a server. */
const schema = buildSchema(loadTypeDefs().join('\n'));

/** A corpus query parsed once: its operation and fragments. */
export interface ParsedQuery {
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: CorpusQuery['variables'];
}

export function parseCorpusQuery(query: CorpusQuery): ParsedQuery {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  let operation: OperationDefinitionNode | undefined;
  for (const definition of parse(query.query).definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    if (definition.kind === Kind.OPERATION_DEFINITION) operation ??= definition;
  }
  if (!operation) throw new TypeError(`${query.name} expected an operation, received none`);
  return { operation, fragments, variables: query.variables };
}

/** The price of a parsed query with `statistics` (null: without them), as the server computes it. */
export function corpusPrice(
  query: ParsedQuery,
  statistics: GraphStatistics | null,
  defaultPageSize: number,
): number {
  const measured = operationCost(schema, query.operation, query.fragments, query.variables, {
    defaultPageSize,
    statistics,
  });
  return Math.min(Math.ceil(measured.cost), Number.MAX_SAFE_INTEGER);
}
