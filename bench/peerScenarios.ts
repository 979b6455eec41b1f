// The scenarios of `npm run bench:peer`: each asks our API and @neo4j/graphql for the same
// data, in each side's own GraphQL, and maps the peer's answer onto our shape.

import { firstDifference, type Json, normaliseAnswer } from './answers';
import { fetchGraphQL, type GraphQLBody } from './graphqlLoad';

/** @neo4j/graphql 7 type definitions mirroring the part of our model the scenarios read. */
export const PEER_TYPE_DEFS = `
type Country @node { id: ID! code: String! name: String! }
type Organisation @node {
  id: ID!
  name: String!
  country: [Country!]! @relationship(type: "LOCATED_IN", direction: OUT)
}
type PartnerIn @relationshipProperties { role: String! }
type Funder @node {
  id: ID!
  name: String!
  acronym: String
  country: [Country!]! @relationship(type: "BASED_IN", direction: OUT)
  calls: [Call!]! @relationship(type: "PARTICIPATES_IN", direction: OUT)
}
type Call @node {
  id: ID!
  title: String!
  shortTitle: String
  year: Int
  projects: [Project!]! @relationship(type: "FUNDED", direction: OUT)
}
type Project @node {
  id: ID!
  acronym: String!
  "The stored case-insensitive sort key our ACRONYM sort reads (src/db/sortKeys.ts), so both sides page alike."
  sortAcronym: String
  title: String
  year: Int
  fundingEur: Float
  funders: [Funder!]! @relationship(type: "FUNDS", direction: IN)
  partners: [Organisation!]! @relationship(type: "PARTNER_IN", direction: IN, properties: "PartnerIn")
}`;

export interface PeerScenario {
  name: string;
  description: string;
  ours: GraphQLBody;
  theirs: GraphQLBody;
  /** The peer's data in our shape. */
  theirsAsOurs(data: PeerData): Json;
}

type PeerNode = { [key: string]: Json };
type PeerData = { [key: string]: PeerNode[] };

const first = (list: Json): Json => (Array.isArray(list) ? (list[0] ?? null) : null);

function peerPartners(project: PeerNode): Json {
  const edges = (
    project.partnersConnection as { edges: Array<{ properties: { role: string }; node: PeerNode }> }
  ).edges;
  return edges.map((edge) => ({
    role: edge.properties.role,
    organisation: { name: edge.node.name as Json, country: first(edge.node.country as Json) },
  }));
}

const PEER_PARTNERS = `partnersConnection(sort: [{ node: { name: ASC } }]) {
        edges { properties { role } node { name country { code name } } }
      }`;

const BY_ID: PeerScenario = {
  name: 'entity by id',
  description: 'project(id: "project-permanens") with five scalar fields',
  ours: {
    query: 'query ProjectById($id: ID!) { project(id: $id) { id acronym title year fundingEur } }',
    variables: { id: 'project-permanens' },
  },
  theirs: {
    query:
      'query ProjectById($id: ID!) { projects(where: { id: { eq: $id } }) { id acronym title year fundingEur } }',
    variables: { id: 'project-permanens' },
  },
  theirsAsOurs: (data) => ({ project: (data.projects?.[0] ?? null) as Json }),
};

export const NESTED_PAGE: PeerScenario = {
  name: 'nested page',
  description: 'projects(first: 50) with funders, partners and their countries',
  ours: {
    query: `query NestedPage($first: Int!) {
  projects(first: $first, sort: { field: ACRONYM, direction: ASC }) {
    nodes {
      acronym
      funders { acronym country { code name } }
      partners { role organisation { name country { code name } } }
    }
  }
}`,
    variables: { first: 50 },
  },
  theirs: {
    query: `query NestedPage($first: Int!) {
  projects(limit: $first, sort: [{ sortAcronym: ASC }, { id: ASC }]) {
    acronym
    funders(sort: [{ name: ASC }]) { acronym country { code name } }
    ${PEER_PARTNERS}
  }
}`,
    variables: { first: 50 },
  },
  theirsAsOurs: (data) => ({
    projects: {
      nodes: (data.projects ?? []).map((project) => ({
        acronym: project.acronym as Json,
        funders: (project.funders as PeerNode[]).map((funder) => ({
          acronym: funder.acronym as Json,
          country: first(funder.country as Json),
        })),
        partners: peerPartners(project),
      })),
    },
  }),
};

/** Ten funders by id, so both sides start from the same set whatever their sort rules. */
const DEEP_FUNDERS = [
  'aecc-es',
  'aka-fi',
  'anr-fr',
  'bmbf-de',
  'cdti-es',
  'cihr-ca',
  'isciii-es',
  'hrb-ie',
  'rcn-no',
  'vinnova-se',
];

const DEEP: PeerScenario = {
  name: 'deep',
  description: 'ten funders -> calls -> projects -> partners -> organisation -> country',
  ours: {
    query: `query Deep($ids: [ID!]) {
  funders(filter: { ids: $ids }, first: 100) {
    nodes {
      acronym
      calls { shortTitle projects { acronym partners { role organisation { name country { code name } } } } }
    }
  }
}`,
    variables: { ids: DEEP_FUNDERS },
  },
  theirs: {
    query: `query Deep($ids: [ID!]) {
  funders(where: { id: { in: $ids } }, sort: [{ name: ASC }]) {
    acronym
    calls(sort: [{ year: DESC }, { id: ASC }]) {
      shortTitle
      projects(sort: [{ acronym: ASC }]) { acronym ${PEER_PARTNERS} }
    }
  }
}`,
    variables: { ids: DEEP_FUNDERS },
  },
  theirsAsOurs: (data) => ({
    funders: {
      nodes: (data.funders ?? []).map((funder) => ({
        acronym: funder.acronym as Json,
        calls: (funder.calls as PeerNode[]).map((call) => ({
          shortTitle: call.shortTitle as Json,
          projects: (call.projects as PeerNode[]).map((project) => ({
            acronym: project.acronym as Json,
            partners: peerPartners(project),
          })),
        })),
      })),
    },
  }),
};

export const PEER_SCENARIOS: readonly PeerScenario[] = [NESTED_PAGE, DEEP, BY_ID];

/** `value` with every array sorted by its items' JSON: the two sides order some lists differently. */
export function sortedLists(value: Json): Json {
  if (Array.isArray(value)) {
    return value.map(sortedLists).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, sortedLists(child)]));
  }
  return value;
}

/** Fails unless both sides give the same data (lists compared as sets: the sides sort some differently). */
export async function checkSameData(ours: string, theirs: string, scenario: PeerScenario): Promise<void> {
  const ourData = normaliseAnswer(
    (JSON.parse(await fetchGraphQL(ours, scenario.ours, scenario.name)) as { data: unknown }).data,
  );
  const peerData = JSON.parse(await fetchGraphQL(theirs, scenario.theirs, `${scenario.name} (peer)`)) as {
    data: Parameters<PeerScenario['theirsAsOurs']>[0];
  };
  const difference = firstDifference(
    sortedLists(ourData),
    sortedLists(normaliseAnswer(scenario.theirsAsOurs(peerData.data)) as Json),
  );
  if (difference)
    throw new Error(`${scenario.name}: the peer's data differs from ours (ours vs theirs) at ${difference}`);
}
