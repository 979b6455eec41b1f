// Which fields are left to their resolvers (loaders, analytics, search) rather than planned,
// and why, as data: with PLANNED_FIELDS and PLANNED_ROOTS it classifies every root field and
// every field returning an object of the schema. test/unit/docs/plannedFields.test.ts checks
// the classification against the schema and renders it as docs/architecture.md's table.

/** Why a field is not planned; each reason's text is what docs/architecture.md says. */
export const WHY_LOADED = {
  analytic:
    'loaded: analytic, computed in src/analytics from a projection read once per data version; ' +
    'the records it names load by id through the by-id loader (one statement per label)',
  network:
    'loaded: a network or path, built and measured in src/analytics from its own statements; ' +
    'the records it names load by id',
  search: 'loaded: a scored full-text query (src/db/search.ts); the hits load by id',
  admin: 'loaded: administration and audit, one statement each with nothing nested below',
  write: 'loaded: a mutation; the record written is read back by id after the write commits',
  diseaseAreas:
    'loaded: the disease areas are a small list read once per request, and per-threshold loaders over ' +
    'IN_DISEASE_AREA (one statement for a whole page); DiseaseArea is not one of the entity labels the planner reads',
  identifiers:
    'loaded: persistent identifiers through the per-request identifiers loader over HAS_IDENTIFIER ' +
    '(one statement for a whole page); Identifier is not one of the entity labels the planner reads',
  cordis:
    'loaded: EuroSciVoc subjects and CORDIS outputs through per-request loaders over HAS_SUBJECT and ' +
    'HAS_OUTPUT (one statement for a whole page); Subject and Output are not entity labels the planner reads',
  datasets:
    'loaded: the loaded datasets are a handful of SourceDataset nodes, read in one statement when selected',
  page: "carried: a connection's page and edges come with the planned root statement",
  link:
    "carried: a link's far end comes with the planned field that returns the link; " +
    'its near end is the parent, handed down',
} as const;

export type LoadedReason = keyof typeof WHY_LOADED;

/** Root fields of Query and Mutation that are not planned, and why. */
export const LOADED_ROOTS: Readonly<Record<string, LoadedReason>> = {
  stats: 'admin',
  history: 'admin',
  apiKeys: 'admin',
  coverageMatrix: 'analytic',
  whiteSpots: 'analytic',
  portfolioProfile: 'analytic',
  coverageTrend: 'analytic',
  gapRecommendations: 'analytic',
  partnerRecommendations: 'analytic',
  cofundingNetwork: 'network',
  collaborationNetwork: 'network',
  bipartiteNetwork: 'network',
  neighbourhood: 'network',
  shortestPaths: 'network',
  diseaseAreas: 'diseaseAreas',
  datasets: 'datasets',
  search: 'search',
  upsertFunder: 'write',
  deleteFunder: 'write',
  upsertCall: 'write',
  deleteCall: 'write',
  upsertProject: 'write',
  deleteProject: 'write',
  upsertOrganisation: 'write',
  deleteOrganisation: 'write',
  linkProject: 'write',
  unlinkProject: 'write',
  linkPartner: 'write',
  unlinkPartner: 'write',
  clearPossibleDuplicate: 'write',
  createApiKey: 'write',
  revokeApiKey: 'write',
};

/** Fields of the entity types (those of PLANNED_FIELDS) that are not planned, by type, and why. */
export const LOADED_FIELDS: Readonly<Record<string, Readonly<Record<string, LoadedReason>>>> = {
  Project: { diseaseAreas: 'diseaseAreas', subjects: 'cordis', outputs: 'cordis' },
  Funder: { identifiers: 'identifiers' },
  Organisation: { identifiers: 'identifiers' },
};

/** Types whose object-valued fields are all left to their resolvers (or carried), and why. */
export const LOADED_TYPES: Readonly<Record<string, LoadedReason>> = {
  Stats: 'admin',
  FunderWriteResult: 'write',
  CallWriteResult: 'write',
  ProjectWriteResult: 'write',
  OrganisationWriteResult: 'write',
  CreatedApiKey: 'write',
  CoverageMatrix: 'analytic',
  CoverageRow: 'analytic',
  CoverageColumn: 'analytic',
  CoverageCell: 'analytic',
  ProjectTally: 'analytic',
  CoverageEntry: 'analytic',
  CallTally: 'analytic',
  CallContribution: 'analytic',
  WhiteSpotReport: 'analytic',
  RowWhiteSpot: 'analytic',
  CellWhiteSpot: 'analytic',
  PortfolioProfile: 'analytic',
  CallLevelProfile: 'analytic',
  ProfileDistribution: 'analytic',
  ProfileEntry: 'analytic',
  CoverageTrend: 'analytic',
  TrendYear: 'analytic',
  Recommendation: 'analytic',
  GapOverlap: 'analytic',
  SharedNeighbour: 'analytic',
  Network: 'network',
  NetworkNode: 'network',
  NetworkEdge: 'network',
  RankedNetworkNode: 'network',
  NetworkNeighbour: 'network',
  Community: 'network',
  NetworkPath: 'network',
  GraphPath: 'network',
  PathNode: 'network',
  SearchHit: 'search',
  ProjectDiseaseArea: 'diseaseAreas',
  Dataset: 'datasets',
  Partnership: 'link',
  ProjectGapLink: 'link',
  ProjectStageLink: 'link',
  ProjectObjectiveLink: 'link',
  GapAreaLink: 'link',
  GapStageLink: 'link',
  GapObjectiveLink: 'link',
  CallGapLink: 'link',
  ProgrammeConnection: 'page',
  ProgrammeEdge: 'page',
  FunderConnection: 'page',
  FunderEdge: 'page',
  CallConnection: 'page',
  CallEdge: 'page',
  CountryConnection: 'page',
  CountryEdge: 'page',
  RegionConnection: 'page',
  RegionEdge: 'page',
  ProjectConnection: 'page',
  ProjectEdge: 'page',
  OrganisationConnection: 'page',
  OrganisationEdge: 'page',
  ObjectiveConnection: 'page',
  ObjectiveEdge: 'page',
  ValueChainStageConnection: 'page',
  ValueChainStageEdge: 'page',
  SriaAreaConnection: 'page',
  SriaAreaEdge: 'page',
  KnowledgeGapConnection: 'page',
  KnowledgeGapEdge: 'page',
};
