// The statements of planned root fields: an entity by id, or a list page (listQuery's own
// page statement), each returning its nodes through a compiled projection.

import type { EntityLabel } from '../models';
import type { Params } from '../run';
import type { CompiledProjection } from './compileProjection';

/** One node by id, projected; no row when there is none. */
export function byIdStatement(
  label: EntityLabel,
  id: string,
  projection: CompiledProjection,
): { cypher: string; params: Params } {
  return {
    cypher: [`MATCH (n:${label} {id: $id})`, projection.calls, `RETURN ${projection.cypher} AS node`]
      .filter(Boolean)
      .join('\n'),
    params: { ...projection.params, id },
  };
}
