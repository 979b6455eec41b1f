// The shapes reads return: node properties as stored (null properties are absent in Neo4j,
// hence optional), link rows and pages. GraphQL types map onto these in codegen.ts.

import type {
  CallKind,
  CountryRecord,
  FunderKind,
  PartnerRole,
  Provenance,
  SriaAreaKind,
  StageLevel,
} from '../seed/seedRecords';

/** Properties every node has. */
export interface NodeBase {
  id: string;
  sources: string[];
  updatedAt?: string | null;
}

export interface ProgrammeNode extends NodeBase {
  name: string;
  shortName: string;
  startYear?: number | null;
  budgetEur?: number | null;
  budgetNote?: string | null;
  fundersCount?: number | null;
  countriesCount?: number | null;
  regionsCount?: number | null;
  description?: string | null;
  notes?: string | null;
  uncertain: boolean;
}

export interface FunderNode extends NodeBase {
  name: string;
  acronym?: string | null;
  kind: FunderKind;
  countryCode?: string | null;
  roles: string[];
  notes?: string | null;
  uncertain: boolean;
}

export interface CallNode extends NodeBase {
  kind: CallKind;
  year?: number | null;
  title: string;
  shortTitle?: string | null;
  publicationDate?: string | null;
  infoDay?: string | null;
  preProposalDeadline?: string | null;
  fullProposalDeadline?: string | null;
  budgetEur?: number | null;
  budgetNote?: string | null;
  ecCofunded?: boolean | null;
  fundersCount?: number | null;
  countriesCount?: number | null;
  regionsCount?: number | null;
  eligiblePreProposals?: number | null;
  invitedFullProposals?: number | null;
  fundedProjectsCount?: number | null;
  fundingGrantedEur?: number | null;
  researchGroupsCount?: number | null;
  fundedCountriesCount?: number | null;
  description?: string | null;
  notes?: string | null;
  uncertain: boolean;
}

export interface ProjectNode extends NodeBase {
  acronym: string;
  title?: string | null;
  referenceNumber?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  startYear?: number | null;
  year?: number | null;
  yearBasis?: 'START_DATE' | 'CALL_YEAR' | null;
  durationMonths?: number | null;
  fundingEur?: number | null;
  fundingNote?: string | null;
  diseaseArea?: string | null;
  keywords: string[];
  description?: string | null;
  notes?: string | null;
  uncertain: boolean;
  unnamedPartners: string[];
}

export interface OrganisationNode extends NodeBase {
  name: string;
  countryCode: string;
  aliases: string[];
}

/** Countries are stored exactly as the seed and import records describe them. */
export type CountryNode = CountryRecord & NodeBase;

export interface RegionNode extends NodeBase {
  name: string;
  countryCode: string;
  subdivisionCode?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

export interface ObjectiveNode extends NodeBase {
  order: number;
  shortName: string;
  description: string;
  textVerified: boolean;
}

export interface ValueChainStageNode extends NodeBase {
  name: string;
  order?: number | null;
  level: StageLevel;
  description: string;
  namesUsed: string[];
  inferred: boolean;
  inferenceNote?: string | null;
}

export interface SriaAreaNode extends NodeBase {
  order: number;
  name: string;
  kind: SriaAreaKind;
  description: string;
}

export interface KnowledgeGapNode extends NodeBase {
  shortName: string;
  description: string;
  namedIn: string[];
  inferred: boolean;
  notes?: string | null;
}

/** The properties of a derived relationship (ADVANCES, AT_STAGE, ADDRESSES, IN_AREA, SERVES, TARGETS). */
export interface DerivationModel {
  provenance: Provenance;
  rule: string;
  confidence: number;
  evidence: string;
  /** Set on links made through the API or an import. */
  curator?: string | null;
  curatedAt?: string | null;
}

/** A derived link as read from one end: the other end's node comes along to prime loaders. */
export interface DerivedLinkModel<From extends NodeBase = NodeBase, To extends NodeBase = NodeBase> {
  fromId: string;
  toId: string;
  from?: From;
  to?: To;
  derivation: DerivationModel;
}

export interface PartnershipModel {
  organisationId: string;
  projectId: string;
  role: PartnerRole;
  asNamed: string[];
  organisation?: OrganisationNode;
  project?: ProjectNode;
}

export type ProjectGapLinkModel = DerivedLinkModel<ProjectNode, KnowledgeGapNode>;
export type ProjectStageLinkModel = DerivedLinkModel<ProjectNode, ValueChainStageNode>;
export type ProjectObjectiveLinkModel = DerivedLinkModel<ProjectNode, ObjectiveNode>;
export type GapAreaLinkModel = DerivedLinkModel<KnowledgeGapNode, SriaAreaNode>;
export type GapStageLinkModel = DerivedLinkModel<KnowledgeGapNode, ValueChainStageNode>;
export type GapObjectiveLinkModel = DerivedLinkModel<KnowledgeGapNode, ObjectiveNode>;
export type CallGapLinkModel = DerivedLinkModel<CallNode, KnowledgeGapNode>;

/** Maps each node label to its shape. */
export interface NodeModels {
  Programme: ProgrammeNode;
  Funder: FunderNode;
  Call: CallNode;
  Project: ProjectNode;
  Organisation: OrganisationNode;
  Country: CountryNode;
  Region: RegionNode;
  Objective: ObjectiveNode;
  ValueChainStage: ValueChainStageNode;
  SriaArea: SriaAreaNode;
  KnowledgeGap: KnowledgeGapNode;
}
export type EntityLabel = keyof NodeModels;

/** A node tagged with its GraphQL type name, as unions (search results) need. */
export type TypedNode = { [L in EntityLabel]: NodeModels[L] & { __typename: L } }[EntityLabel];

export interface SearchHitModel {
  /** The GraphQL EntityKind, e.g. FUNDER. */
  kind: string;
  id: string;
  /** Display name: acronym or short name where there is one. */
  label: string;
  score: number;
  entity: TypedNode;
}

/** A page of a list (Relay connection); totalCount runs its query only when called. */
export interface PageInfoModel {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** A list page; each part is read on first use (GraphQL's default resolvers call them). */
export interface ConnectionModel<T> {
  edges: () => Promise<Array<{ cursor: string; node: T }>>;
  nodes: () => Promise<T[]>;
  pageInfo: () => Promise<PageInfoModel>;
  totalCount: () => Promise<number>;
}

export type ProgrammeConnectionModel = ConnectionModel<ProgrammeNode>;
export type FunderConnectionModel = ConnectionModel<FunderNode>;
export type CallConnectionModel = ConnectionModel<CallNode>;
export type ProjectConnectionModel = ConnectionModel<ProjectNode>;
export type OrganisationConnectionModel = ConnectionModel<OrganisationNode>;
export type CountryConnectionModel = ConnectionModel<CountryNode>;
export type RegionConnectionModel = ConnectionModel<RegionNode>;
export type ObjectiveConnectionModel = ConnectionModel<ObjectiveNode>;
export type ValueChainStageConnectionModel = ConnectionModel<ValueChainStageNode>;
export type SriaAreaConnectionModel = ConnectionModel<SriaAreaNode>;
export type KnowledgeGapConnectionModel = ConnectionModel<KnowledgeGapNode>;
