// The saved playground operations: each answers a real question about the seeded data.

import type { PlaygroundExample } from './playground';

export const PLAYGROUND_EXAMPLES: readonly PlaygroundExample[] = [
  {
    name: 'Funders to partners',
    description:
      'A funder, the calls it joined and the projects those calls funded, down to each partner and its country, with the sources of each record.',
    query: `query FunderToPartners($funder: ID!) {
  funder(id: $funder) {
    name
    acronym
    country { name }
    sources
    calls(first: 5) {
      shortTitle
      year
      projects(first: 20) {
        acronym
        title
        sources
        partners {
          role
          organisation { name country { code name } }
        }
      }
    }
  }
}`,
    variables: { funder: 'isciii-es' },
  },
  {
    name: 'Calls of EP PerMed',
    description:
      'The joint transnational calls of EP PerMed with their budgets, results and the gaps they target.',
    query: `query EpPerMedCalls {
  calls(filter: { programmes: ["eppermed-programme"], kinds: [JOINT_TRANSNATIONAL_CALL] }, first: 10) {
    totalCount
    nodes {
      id
      shortTitle
      year
      budgetEur
      fundedProjectsCount
      fundingGrantedEur
      secretariat { acronym }
      gaps { gap { shortName } derivation { provenance rule confidence } }
    }
  }
}`,
  },
  {
    name: 'Projects by country',
    description:
      'Projects with a partner in a given country, newest first, with their funders and consortium countries.',
    query: `query ProjectsByCountry($country: String!) {
  projects(filter: { countries: [$country] }, first: 20) {
    totalCount
    edges {
      cursor
      node {
        acronym
        year
        call { shortTitle }
        funders { acronym }
        countries { code }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
    variables: { country: 'DE' },
  },
  {
    name: 'Under-served knowledge gaps',
    description:
      'Every knowledge gap with its SRIA areas, stages and the number of projects linked to it, curated and inferred counted apart, at the confidence the gap analytics use by default (0.4), so that the counts agree with coverageMatrix: a row there counts the same projects, less those linked to no stage (unstagedProjectIds).',
    query: `query GapCoverage {
  knowledgeGaps(first: 30) {
    nodes {
      shortName
      areas { area { name } }
      stages { stage { name } }
      curated: projectCount(provenance: CURATED, minConfidence: 0.4)
      all: projectCount(minConfidence: 0.4)
    }
  }
}`,
  },
  {
    name: 'Search anything',
    description:
      'Full-text search across funders, calls, projects, organisations and gaps; any characters are safe.',
    query: `query Search($text: String!) {
  search(text: $text, first: 10) {
    kind
    label
    score
    entity {
      ... on Project { acronym call { shortTitle } }
      ... on Funder { name country { name } }
      ... on KnowledgeGap { description }
    }
  }
}`,
    variables: { text: 'pharmacogenomics' },
  },
  {
    name: 'Dataset size',
    description: 'How many records of each kind the graph holds, and which dataset version is loaded.',
    query: `query Stats {
  stats {
    datasetVersion
    seededAt
    nodes { label count }
    relationships { type count }
  }
}`,
  },
  {
    name: 'Most central co-funders',
    description:
      'The co-funding network of the EP PerMed joint transnational calls (funders linked by the calls they shared; innovation and support calls left out): the 10 most central funders by betweenness and PageRank, the communities, and the calls behind the strongest ties. The same network as a Gephi file: downloadUrl.',
    query: `query CentralCofunders($programme: ID!) {
  cofundingNetwork(basis: CALLS, filter: { programmes: [$programme], callKinds: [JOINT_TRANSNATIONAL_CALL] }) {
    nodeCount
    edgeCount
    totalWeight
    byBetweenness: ranking(measure: BETWEENNESS, first: 10) { rank score node { label lowSupport attributes } }
    byPageRank: ranking(measure: PAGE_RANK, first: 10) { rank score node { label lowSupport } }
    communities { id size members { label } }
    edges { source target weight calls { shortTitle } }
    coverage { namedProjectCount lowSupport explanation }
    downloadUrl(format: GEXF)
  }
}`,
    variables: { programme: 'eppermed-programme' },
  },
  {
    name: 'With whom does ISCIII co-fund most?',
    description:
      "One funder's own co-funding network (around): the funders it shared a call with, heaviest tie first with the calls behind each, and the ties among them; the same ego network as a Gephi file: downloadUrl.",
    query: `query CofundersOf($funder: ID!) {
  cofundingNetwork(basis: CALLS, filter: { around: [$funder] }) {
    nodeCount
    edgeCount
    node(id: $funder) {
      label
      degree
      weightedDegree
      betweenness
      lowSupport
      neighbours(first: 10) {
        rank
        weight
        node { label lowSupport attributes }
        edge { calls { shortTitle year } }
      }
    }
    coverage { namedProjectCount lowSupport explanation }
    downloadUrl(format: GEXF)
  }
}`,
    variables: { funder: 'isciii-es' },
  },
  {
    name: 'How are two funders connected?',
    description:
      'AECC (Spain) and SAMRC (South Africa) never took part in the same call: the shortest paths between them through co-funders and calls only (via), and the same question on the projected co-funding network, where a hop is a shared call.',
    query: `query FunderPath($from: ID!, $to: ID!) {
  shortestPaths(
    from: { kind: FUNDER, id: $from }
    to: { kind: FUNDER, id: $to }
    relationshipTypes: [PARTICIPATES_IN]
    via: [FUNDER, CALL]
    all: true
  ) {
    length
    nodes { kind label }
    relationships { type source target }
  }
  cofundingNetwork(basis: CALLS) {
    shortestPaths(from: $from, to: $to) { length nodes { label } edges { source target weight evidenceIds } }
  }
}`,
    variables: { from: 'aecc-es', to: 'samrc-za' },
  },
  {
    name: 'Gaps without an implementation project',
    description:
      'Which knowledge gaps have no named project at the implementation stage (or its sub-stages)? Every gap × Implementation cell, most under-served first, with the calls that target it counted apart; lowSupport marks a ranking that one project would change, and coverage what the named sample is.',
    query: `query GapsWithoutImplementation {
  whiteSpots(stages: ["vc-implementation"], mappedOnly: false, first: 25) {
    cells {
      rank
      label
      observed
      expected
      empty
      mapped
      lowSupport
      callLevel { callIds publishedProjectCount }
      explanation
    }
    coverage { namedProjectCount lowSupport explanation }
  }
}`,
  },
  {
    name: 'Portfolio of a funder',
    description:
      'Where a funder puts its money compared with the whole ecosystem: share and activity index per gap and stage, its most and least represented gaps, and the same for the calls it joined. An index with lowSupport rests on fewer than 5 projects (one more would move it a lot); coverage says how many named projects the whole profile rests on.',
    query: `query FunderPortfolio($funder: ID!) {
  portfolioProfile(subject: FUNDER, id: $funder) {
    label
    projects { acronym }
    gaps {
      mostRepresented { label count share ecosystemShare activityIndex lowSupport }
      leastRepresented { label ecosystemCount activityIndex lowSupport }
    }
    stages { entries { label count activityIndex lowSupport } }
    callLevel {
      calls { shortTitle }
      gaps { mostRepresented { label count activityIndex lowSupport } }
    }
    coverage { namedProjectCount lowSupport explanation }
  }
}`,
    variables: { funder: 'bmbf-de' },
  },
  {
    name: 'Who could take up a gap',
    description:
      'Funders, countries and organisations most likely to take up an under-served gap: similar portfolios and closeness to those already on it, each with its evidence.',
    query: `query WhoCouldTakeUp($gap: ID!) {
  gapRecommendations(gap: $gap, first: 8) {
    rank
    kind
    label
    score
    similarity
    proximity
    supportProjectCount
    lowSupport
    overlaps { label referenceWeight projectIds callIds }
    sharedNeighbours { label contribution }
    explanation
    coverage { namedProjectCount lowSupport }
  }
}`,
    variables: { gap: 'gap-implementation-evidence' },
  },
];
