// The shapes reads return: node properties as stored (null properties are absent in Neo4j,
// hence optional), link rows and pages. GraphQL types map onto these in codegen.ts. A node's
// properties follow from its record's field specs in src/model (relationship fields left out).

import type {
  CallProperties,
  CordisCallProperties,
  CordisOrganisationProperties,
  IdentityReviewProperties,
  CordisProjectProperties,
  CountryProperties,
  DatasetId,
  FunderProperties,
  KnowledgeGapProperties,
  ObjectiveProperties,
  OrganisationProperties,
  PartnerRole,
  ProgrammeProperties,
  ProjectProperties,
  Provenance,
  RegionProperties,
  SriaAreaProperties,
  ValueChainStageProperties,
} from '../model';

/** Properties every node has. */
export interface NodeBase {
  id: string;
  sources: string[];
  updatedAt?: string | null;
  /** The datasets the record came from (src/model/sourceDatasets.ts); absent on records written before the facet. */
  datasets?: DatasetId[] | null;
}

export type ProgrammeNode = NodeBase & ProgrammeProperties;
export type FunderNode = NodeBase & FunderProperties;
/** A call; those of the framework programmes also hold CORDIS's properties (src/model/cordis.ts). */
export type CallNode = NodeBase & CallProperties & Partial<CordisCallProperties>;
/** A project; those that came from CORDIS also hold its properties (src/model/cordis.ts). */
export type ProjectNode = NodeBase & ProjectProperties & Partial<CordisProjectProperties>;
/**
 * An organisation; those that came from CORDIS also hold its properties (src/model/cordis.ts),
 * and those a connector created from a doubtful row their possible duplicates (src/model/identifiers.ts).
 */
export type OrganisationNode = NodeBase &
  OrganisationProperties &
  Partial<CordisOrganisationProperties> &
  Partial<IdentityReviewProperties>;
export type CountryNode = NodeBase & CountryProperties;
export type RegionNode = NodeBase & RegionProperties;
export type ObjectiveNode = NodeBase & ObjectiveProperties;
export type ValueChainStageNode = NodeBase & ValueChainStageProperties;
export type SriaAreaNode = NodeBase & SriaAreaProperties;
export type KnowledgeGapNode = NodeBase & KnowledgeGapProperties;

/** The properties of a derived relationship (ADVANCES, AT_STAGE, ADDRESSES, IN_AREA, SERVES, TARGETS). */
export interface DerivationModel {
  provenance: Provenance;
  rule: string;
  confidence: number;
  evidence: string;
  /** Set on links made through the API or an import. */
  curator?: string | null;
  curatedAt?: string | null;
  /** The rule book version that wrote it (RULE_BOOK_VERSION); null before versions were recorded. */
  ruleBookVersion?: string | null;
  /** What wrote it: seed, import, curation or derive (DERIVATION_ORIGINS); null before origins were recorded. */
  origin?: string | null;
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
