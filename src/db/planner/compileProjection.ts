// Compiles a NodePlan into one Cypher map projection: the node's properties plus, under
// `__planned`, one COLLECT/COUNT subquery per planned field, nested as deep as the plan.

import { derivationPredicate } from '../relations';
import { cypherInt, type Params } from '../run';
import { UnreachableCaseError } from '../../errors';
import { type NodePlan, PLANNED_KEY, type SlotPlan } from './planTree';

/** A Cypher expression and the parameters it reads. */
export interface CompiledProjection {
  cypher: string;
  params: Params;
}

/**
 * The projection of the node bound to `variable` (e.g. `n`): `n {.*}` (or the plan's
 * properties, `n {.id, .name}`) when the plan has no slots, else
 * `n {.*, __planned: {<slot>: <subquery>, ...}}`. Nested nodes are bound to
 * `n1`, `n2`, ... and relationships to `r1`, `r2`, ... by depth, so no subquery shadows a
 * variable of its parent (Cypher forbids that). Orders and limits are the RelationSpecs'
 * own, so a planned list equals what the loaders read.
 */
export function compileProjection(variable: string, plan: NodePlan, depth = 0): CompiledProjection {
  const properties = plan.properties === null ? '.*' : plan.properties.map((name) => `.${name}`).join(', ');
  if (plan.slots.length === 0) return { cypher: `${variable} {${properties}}`, params: {} };
  const params: Params = {};
  const entries = plan.slots.map((slot) => {
    const compiled = compileSlot(variable, slot, depth + 1);
    Object.assign(params, compiled.params);
    return `${slot.slot}: ${compiled.cypher}`;
  });
  const indent = '  '.repeat(depth + 1);
  return {
    cypher: `${variable} {${properties}, ${PLANNED_KEY}: {\n${indent}${entries.join(`,\n${indent}`)}\n${'  '.repeat(depth)}}}`,
    params,
  };
}

function compileSlot(from: string, slot: SlotPlan, depth: number): CompiledProjection {
  const to = `n${depth}`;
  const r = `r${depth}`;
  const names = { from, to, r };
  const indent = '  '.repeat(depth);
  const lines = (...parts: string[]): string =>
    `{\n${indent}  ${parts.filter(Boolean).join(`\n${indent}  `)}\n${indent}}`;
  switch (slot.kind) {
    case 'nodes': {
      const child = compileProjection(to, slot.child, depth);
      const limit = `${slot.slot}_limit`;
      const cypher = `COLLECT ${lines(
        `MATCH ${bind(slot.spec.pattern, names)}`,
        `WITH DISTINCT ${to}`,
        `ORDER BY ${bind(slot.spec.orderBy, names)}`,
        `LIMIT $${limit}`,
        `RETURN ${child.cypher}`,
      )}`;
      return {
        cypher: slot.single ? `${cypher}[0]` : cypher,
        params: { ...child.params, [limit]: cypherInt(slot.limit) },
      };
    }
    case 'links': {
      const child = compileProjection(to, slot.child, depth);
      const limit = `${slot.slot}_limit`;
      return {
        cypher: `COLLECT ${lines(
          `MATCH ${bind(slot.spec.pattern, names)}`,
          `WITH ${to}, ${r}`,
          `ORDER BY ${bind(slot.spec.orderBy, names)}`,
          `LIMIT $${limit}`,
          `RETURN {node: ${child.cypher}, relationship: properties(${r})}`,
        )}`,
        params: { ...child.params, [limit]: cypherInt(slot.limit) },
      };
    }
    case 'derived': {
      const child = compileProjection(to, slot.child, depth);
      const filter = derivationFilter(slot.slot, r, slot.filter);
      const limit = `${slot.slot}_limit`;
      return {
        cypher: `COLLECT ${lines(
          `MATCH ${bind(slot.spec.pattern, names)}`,
          `WHERE ${filter.cypher}`,
          `WITH ${to}, ${r}`,
          `ORDER BY ${bind(slot.spec.orderBy, names)}`,
          `LIMIT $${limit}`,
          `RETURN {node: ${child.cypher}, derivation: {provenance: ${r}.provenance, rule: ${r}.rule, ` +
            `confidence: ${r}.confidence, evidence: ${r}.evidence, curator: ${r}.curator, curatedAt: toString(${r}.curatedAt)}}`,
        )}`,
        params: { ...child.params, ...filter.params, [limit]: cypherInt(slot.limit) },
      };
    }
    case 'count': {
      const filter = 'derived' in slot.spec ? derivationFilter(slot.slot, r, slot.filter) : null;
      return {
        cypher: `COUNT ${lines(
          `MATCH ${bind(slot.spec.pattern, names)}`,
          filter ? `WHERE ${filter.cypher}` : '',
          `WITH DISTINCT ${to}`,
          `RETURN ${to}`,
        )}`,
        params: filter?.params ?? {},
      };
    }
    case 'byKey': {
      const child = compileProjection(to, slot.child, depth);
      return {
        cypher: `COLLECT ${lines(`MATCH (${to}:${slot.label} {id: ${from}.${slot.property}})`, `RETURN ${child.cypher}`)}[0]`,
        params: child.params,
      };
    }
    default:
      throw new UnreachableCaseError(slot);
  }
}

/** The derivation predicate of relations.ts, over `r` and with this slot's own parameters. */
function derivationFilter(
  slot: string,
  r: string,
  filter: { provenance?: unknown; minConfidence?: unknown },
) {
  const provenance = `${slot}_provenance`;
  const minConfidence = `${slot}_minConfidence`;
  return {
    cypher: derivationPredicate(r, `${slot}_`),
    params: { [provenance]: filter.provenance ?? null, [minConfidence]: filter.minConfidence ?? null },
  };
}

/**
 * Renames a RelationSpec's variables (`from`, `to`, `r`) in its pattern or ORDER BY. Only
 * whole identifiers are renamed, never a property (`.to`), label or type (`:r`) or parameter.
 */
export function bind(text: string, names: { from: string; to: string; r: string }): string {
  return text.replace(
    /(?<![.:$\w`])\b(from|to|r)\b(?!`)/g,
    (name: string) => names[name as keyof typeof names],
  );
}
