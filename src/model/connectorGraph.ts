// What a connector (src/connectors) may write: the node labels and the relationship shapes
// (type and both end labels). The db layer refuses anything else, so a source can never name
// a label or type that reaches Cypher unchecked.

/** Node labels a connector may create or update. */
export const CONNECTOR_LABELS = [
  'Programme',
  'Funder',
  'Call',
  'Project',
  'Organisation',
  'Subject',
  'Output',
] as const;
export type ConnectorLabel = (typeof CONNECTOR_LABELS)[number];

/** A relationship a connector may write: (from)-[:type]->(to). */
export interface ConnectorLinkShape {
  type: string;
  from: ConnectorLabel;
  /**
   * Country nodes are made from world-countries when missing, never by a source; Identifier
   * nodes (id SCHEME:value) are made when missing and deleted with their last relationship.
   */
  to: ConnectorLabel | 'Country' | 'Identifier';
}

/** Every relationship shape a connector may write. */
export const CONNECTOR_LINK_SHAPES = [
  { type: 'PART_OF', from: 'Project', to: 'Programme' },
  { type: 'PART_OF', from: 'Call', to: 'Programme' },
  { type: 'FUNDED', from: 'Call', to: 'Project' },
  { type: 'FUNDS', from: 'Funder', to: 'Project' },
  { type: 'PARTNER_IN', from: 'Organisation', to: 'Project' },
  // A funder named by a consortium row of ERA PerMed or EP PerMed is a partner of that grant.
  { type: 'PARTNER_IN', from: 'Funder', to: 'Project' },
  { type: 'LOCATED_IN', from: 'Organisation', to: 'Country' },
  { type: 'HAS_PARTNER_IN', from: 'Project', to: 'Country' },
  { type: 'HAS_SUBJECT', from: 'Project', to: 'Subject' },
  { type: 'BROADER', from: 'Subject', to: 'Subject' },
  { type: 'HAS_OUTPUT', from: 'Project', to: 'Output' },
  { type: 'HAS_IDENTIFIER', from: 'Organisation', to: 'Identifier' },
  { type: 'HAS_IDENTIFIER', from: 'Funder', to: 'Identifier' },
] as const satisfies readonly ConnectorLinkShape[];

/** `(From)-[:TYPE]->(To)`, the key of a shape in reports and checks. */
export function linkShapeKey(shape: ConnectorLinkShape): string {
  return `(${shape.from})-[:${shape.type}]->(${shape.to})`;
}

const SHAPE_KEYS = new Set<string>(CONNECTOR_LINK_SHAPES.map(linkShapeKey));

/** True when `label` is one a connector may write. */
export function isConnectorLabel(label: unknown): label is ConnectorLabel {
  return typeof label === 'string' && (CONNECTOR_LABELS as readonly string[]).includes(label);
}

/** True when a connector may write relationships of this shape. */
export function isConnectorLinkShape(shape: ConnectorLinkShape): boolean {
  return SHAPE_KEYS.has(linkShapeKey(shape));
}

/** The shape of (from)-[:type]->(to) when a connector may write it, else null. */
export function connectorLinkShape(type: string, from: string, to: string): ConnectorLinkShape | null {
  return (
    CONNECTOR_LINK_SHAPES.find((shape) => shape.type === type && shape.from === from && shape.to === to) ??
    null
  );
}
