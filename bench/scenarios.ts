// The benchmark's scenarios: each GraphQL operation and its floor, the best single
// hand-written Cypher statement that fetches the same answer straight through the driver.
//
// bench/ is the one exception to "Cypher lives only in src/db", on purpose: these
// statements are the floor being measured, not a way into the graph for the application.

import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import { toLuceneQuery } from '../src/search/searchQuery';

/** One measured comparison: a GraphQL operation and the Cypher that answers it directly. */
export interface Scenario {
  /** Short name used in the table and the JSON, e.g. "nested page". */
  name: string;
  /** What the scenario asks for, in a few words. */
  description: string;
  /** The GraphQL request body sent by autocannon. */
  graphql: { query: string; variables?: Record<string, unknown> };
  /** The floor statement and its parameters, run in one read transaction. */
  floor: { cypher: string; params: Record<string, unknown> };
  /**
   * Turns the floor's records into the shape of the GraphQL `data`, so both answers can
   * be compared. Runs inside the timed floor request: a real client has to read them too.
   */
  shape(records: Neo4jRecord[]): unknown;
}

const BY_ID: Scenario = {
  name: 'entity by id',
  description: 'project(id: "project-permanens") with five scalar fields',
  graphql: {
    query: `query ProjectById($id: ID!) {
  project(id: $id) { id acronym title year fundingEur }
}`,
    variables: { id: 'project-permanens' },
  },
  floor: {
    cypher: `MATCH (p:Project {id: $id})
RETURN p {.id, .acronym, .title, .year, .fundingEur} AS project`,
    params: { id: 'project-permanens' },
  },
  shape: (records) => ({ project: records[0]?.get('project') ?? null }),
};

/** The operation of test/integration/api/batching.int.test.ts, with first = 50. */
const NESTED_PAGE_QUERY = `query NestedPage($first: Int!) {
  projects(first: $first, sort: { field: ACRONYM, direction: ASC }) {
    nodes {
      acronym
      funders { acronym country { code name } }
      partners { role organisation { name country { code name } } }
    }
  }
}`;

// The same orders as the API: projects by lower-case acronym then id; funders by name
// then id (each funder once); partners by role (COORDINATOR first), name, id; a funder's
// or organisation's country is the first by code.
const NESTED_PAGE_FLOOR = `MATCH (p:Project)
WITH p ORDER BY toLower(p.acronym), p.id
LIMIT $first
RETURN p.acronym AS acronym,
  COLLECT {
    MATCH (p)<-[:FUNDS]-(f:Funder)
    WITH DISTINCT f ORDER BY f.name, f.id
    RETURN f {
      .acronym,
      country: COLLECT { MATCH (f)-[:BASED_IN]->(c:Country) WITH c ORDER BY c.id LIMIT 1 RETURN c {.code, .name} }[0]
    }
  } AS funders,
  COLLECT {
    MATCH (p)<-[r:PARTNER_IN]-(o:Organisation)
    WITH r, o ORDER BY r.role, o.name, o.id
    RETURN {
      role: r.role,
      organisation: o {
        .name,
        country: COLLECT { MATCH (o)-[:LOCATED_IN]->(c:Country) WITH c ORDER BY c.id LIMIT 1 RETURN c {.code, .name} }[0]
      }
    }
  } AS partners`;

const NESTED_PAGE: Scenario = {
  name: 'nested page',
  description: 'projects(first: 50) with funders, partners and their countries',
  graphql: { query: NESTED_PAGE_QUERY, variables: { first: 50 } },
  floor: { cypher: NESTED_PAGE_FLOOR, params: { first: neo4j.int(50) } },
  shape: (records) => ({ projects: { nodes: records.map((record) => record.toObject()) } }),
};

/** EntityKind of each label, as src/db/search.ts maps them. */
const KIND_OF_LABEL: Record<string, string> = {
  Programme: 'PROGRAMME',
  Funder: 'FUNDER',
  Call: 'CALL',
  Project: 'PROJECT',
  Organisation: 'ORGANISATION',
  Country: 'COUNTRY',
  Region: 'REGION',
  Objective: 'OBJECTIVE',
  ValueChainStage: 'VALUE_CHAIN_STAGE',
  SriaArea: 'SRIA_AREA',
  KnowledgeGap: 'KNOWLEDGE_GAP',
};

const SEARCH: Scenario = {
  name: 'search',
  description: 'search(text: "pharmacogenomics", first: 10): kind, label, score',
  graphql: {
    query: `query Search($text: String!) {
  search(text: $text, first: 10) { kind label score }
}`,
    variables: { text: 'pharmacogenomics' },
  },
  floor: {
    // The Lucene query the API builds from the text (src/search/searchQuery.ts: stem in names or text, or a prefix).
    cypher: `CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
RETURN $kinds[labels(node)[0]] AS kind,
  coalesce(node.acronym, node.shortName, node.shortTitle, node.name, node.title, node.id) AS label,
  score
ORDER BY score DESC, node.id
LIMIT 10`,
    params: { query: toLuceneQuery('pharmacogenomics'), kinds: KIND_OF_LABEL },
  },
  shape: (records) => ({ search: records.map((record) => record.toObject()) }),
};

/** The scenarios in the order they run and are reported. */
export const SCENARIOS: readonly Scenario[] = [BY_ID, NESTED_PAGE, SEARCH];
