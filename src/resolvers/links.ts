// Resolvers of the derived-link types (ProjectGapLink, GapStageLink, ...) and the helpers
// that build link models from either end.

import type { DerivedLinkModel, EntityLabel, NodeBase, NodeModels } from '../db/models';
import type { DerivedRow } from '../db/relations';
import type { RequestContext } from '../context';
import type { DerivationOrigin, Resolvers } from '../generated/graphql';
import { loadRequired } from './loadRequired';

/** Derivation.origin from the relationship's `origin` (src/model/provenance.ts DERIVATION_ORIGINS). */
const DERIVATION_ORIGIN_ENUM: Readonly<Record<string, DerivationOrigin>> = {
  seed: 'SEED_BUILD',
  import: 'IMPORT',
  curation: 'CURATION',
  derive: 'REDERIVATION',
};

/** Links read from their `from` end (e.g. Project.gaps): the parent is `from`. */
export function linksFromParent<F extends NodeBase, T extends EntityLabel>(
  parent: F,
  rows: DerivedRow<T>[],
): Array<DerivedLinkModel<F, NodeModels[T]>> {
  return rows.map((row) => ({
    fromId: parent.id,
    from: parent,
    toId: row.node.id,
    to: row.node,
    derivation: row.derivation,
  }));
}

/** Links read from their `to` end (e.g. KnowledgeGap.projects): the parent is `to`. */
export function linksToParent<T extends NodeBase, F extends EntityLabel>(
  parent: T,
  rows: DerivedRow<F>[],
): Array<DerivedLinkModel<NodeModels[F], T>> {
  return rows.map((row) => ({
    fromId: row.node.id,
    from: row.node,
    toId: parent.id,
    to: parent,
    derivation: row.derivation,
  }));
}

function end<L extends EntityLabel>(label: L, side: 'from' | 'to') {
  return (
    link: DerivedLinkModel,
    _args: unknown,
    context: RequestContext,
  ): Promise<NodeModels[L]> | NodeModels[L] => {
    const node = link[side] as NodeModels[L] | undefined;
    return node ?? loadRequired(context, label, side === 'from' ? link.fromId : link.toId);
  };
}

export const linkResolvers: Pick<
  Resolvers,
  | 'ProjectGapLink'
  | 'ProjectStageLink'
  | 'ProjectObjectiveLink'
  | 'GapAreaLink'
  | 'GapStageLink'
  | 'GapObjectiveLink'
  | 'CallGapLink'
  | 'Derivation'
> = {
  Derivation: {
    ruleBookVersion: (derivation) => derivation.ruleBookVersion ?? null,
    origin: (derivation) => DERIVATION_ORIGIN_ENUM[derivation.origin ?? ''] ?? null,
  },
  ProjectGapLink: { project: end('Project', 'from'), gap: end('KnowledgeGap', 'to') },
  ProjectStageLink: { project: end('Project', 'from'), stage: end('ValueChainStage', 'to') },
  ProjectObjectiveLink: { project: end('Project', 'from'), objective: end('Objective', 'to') },
  GapAreaLink: { gap: end('KnowledgeGap', 'from'), area: end('SriaArea', 'to') },
  GapStageLink: { gap: end('KnowledgeGap', 'from'), stage: end('ValueChainStage', 'to') },
  GapObjectiveLink: { gap: end('KnowledgeGap', 'from'), objective: end('Objective', 'to') },
  CallGapLink: { call: end('Call', 'from'), gap: end('KnowledgeGap', 'to') },
};
