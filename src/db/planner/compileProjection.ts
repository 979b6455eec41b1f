// Compiles a NodePlan into Cypher: one CALL subquery per planned field, nested as deep as the
// plan, binding the field's value, then one map projection of the node that reads them.

import { placeOf } from '../places';
import { derivationPredicate } from '../relations';
import { cypherInt, type Params } from '../run';
import { UnreachableCaseError } from '../../errors';
import { type NodePlan, PLANNED_KEY, type SlotPlan } from './planTree';

/**
 * The Cypher of a projection: `calls`, clauses to place before the RETURN that projects (CALL
 * subqueries, one per planned field, each returning one row; '' when nothing is planned), then
 * `cypher`, the map projection itself, and the parameters both read.
 */
export interface CompiledProjection {
  calls: string;
  cypher: string;
  params: Params;
}

/**
 * The projection of the node bound to `variable` (e.g. `n`): `n {.*}` (or the plan's
 * properties, `n {.id, .name}`) when the plan has no slots, else
 * `n {.*, __planned: {<slot>: <slot>, ...}}` after one `CALL (n) {...} ` per slot that binds the
 * slot's value to a variable of the slot's name. Nested nodes are bound to `n1`, `n2`, ... and
 * relationships to `r1`, `r2`, ... by depth. Orders and limits are the RelationSpecs' own, so
 * a planned list equals what the loaders read.
 *
 * CALL subqueries rather than COLLECT/COUNT subquery expressions: Neo4j 5.26 turns an
 * expression subquery of a projection into a RollUpApply only when it stands alone; indexed
 * (`COLLECT {...}[0]`, a funder's country) it ran as a nested plan per row (PROFILE). The deep
 * scenario's statement cost Neo4j 2.2 ms of CPU that way and 1.5 ms as CALL subqueries reading
 * only the selected relationship properties (@neo4j/graphql's: 1.7 ms; 1,200 lone runs of each,
 * alternating, bench/peerStatements.ts).
 */
export function compileProjection(variable: string, plan: NodePlan, depth = 0): CompiledProjection {
  const properties = plan.properties === null ? '.*' : plan.properties.map((name) => `.${name}`).join(', ');
  if (plan.slots.length === 0) return { calls: '', cypher: `${variable} {${properties}}`, params: {} };
  const params: Params = {};
  const calls = plan.slots.map((slot) => {
    const compiled = compileSlot(variable, slot, depth + 1);
    Object.assign(params, compiled.params);
    return compiled.call;
  });
  const values = plan.slots.map((slot) => `${slot.slot}: ${slot.slot}`).join(', ');
  return {
    calls: calls.join('\n'),
    cypher: `${variable} {${properties}, ${PLANNED_KEY}: {${values}}}`,
    params,
  };
}

/** A slot's CALL subquery: one row per row of its parent, binding the slot's value to the slot's name. */
function compileSlot(from: string, slot: SlotPlan, depth: number): { call: string; params: Params } {
  const to = `n${depth}`;
  const r = `r${depth}`;
  const names = { from, to, r };
  // The body of `CALL (from) {...}`, indented one step; nested calls come indented already.
  const call = (...parts: string[]): string =>
    `CALL (${from}) {\n${parts
      .filter(Boolean)
      .join('\n')
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n')}\n}`;
  switch (slot.kind) {
    case 'nodes': {
      const child = compileProjection(to, slot.child, depth);
      const limit = `${slot.slot}_limit`;
      const value = slot.single ? `head(collect(${child.cypher}))` : `collect(${child.cypher})`;
      return {
        call: call(
          `MATCH ${bind(slot.spec.pattern, names)}`,
          `WITH DISTINCT ${to}`,
          `ORDER BY ${bind(slot.spec.orderBy, names)}`,
          `LIMIT $${limit}`,
          child.calls,
          `RETURN ${value} AS ${slot.slot}`,
        ),
        params: { ...child.params, [limit]: cypherInt(slot.limit) },
      };
    }
    case 'links': {
      const child = compileProjection(to, slot.child, depth);
      const limit = `${slot.slot}_limit`;
      const relationship = relationshipProjection(r, slot.relationshipProperties);
      return {
        call: call(
          `MATCH ${bind(slot.spec.pattern, names)}`,
          `WITH ${to}, ${r}`,
          `ORDER BY ${bind(slot.spec.orderBy, names)}`,
          `LIMIT $${limit}`,
          child.calls,
          `RETURN collect({node: ${child.cypher}, relationship: ${relationship}}) AS ${slot.slot}`,
        ),
        params: { ...child.params, [limit]: cypherInt(slot.limit) },
      };
    }
    case 'derived': {
      const child = compileProjection(to, slot.child, depth);
      const filter = derivationFilter(slot.slot, r, slot.filter);
      const limit = `${slot.slot}_limit`;
      return {
        call: call(
          `MATCH ${bind(slot.spec.pattern, names)}`,
          `WHERE ${filter.cypher}`,
          `WITH ${to}, ${r}`,
          `ORDER BY ${bind(slot.spec.orderBy, names)}`,
          `LIMIT $${limit}`,
          child.calls,
          `RETURN collect({node: ${child.cypher}, derivation: {provenance: ${r}.provenance, rule: ${r}.rule, ` +
            `confidence: ${r}.confidence, evidence: ${r}.evidence, curator: ${r}.curator, ` +
            `curatedAt: toString(${r}.curatedAt), ruleBookVersion: ${r}.ruleBookVersion, origin: ${r}.origin}}) AS ${slot.slot}`,
        ),
        params: { ...child.params, ...filter.params, [limit]: cypherInt(slot.limit) },
      };
    }
    case 'count': {
      const filter = 'derived' in slot.spec ? derivationFilter(slot.slot, r, slot.filter) : null;
      return {
        call: call(
          `MATCH ${bind(slot.spec.pattern, names)}`,
          filter ? `WHERE ${filter.cypher}` : '',
          `WITH DISTINCT ${to}`,
          `RETURN count(${to}) AS ${slot.slot}`,
        ),
        params: filter?.params ?? {},
      };
    }
    case 'byKey': {
      const child = compileProjection(to, slot.child, depth);
      return {
        call: call(
          `MATCH (${to}:${slot.label} {id: ${from}.${slot.property}})`,
          child.calls,
          `RETURN head(collect(${child.cypher})) AS ${slot.slot}`,
        ),
        params: child.params,
      };
    }
    case 'place':
      return { call: call(`RETURN ${placeOf(from)} AS ${slot.slot}`), params: {} };
    default:
      throw new UnreachableCaseError(slot);
  }
}

/** The named properties of relationship `r` as a map (`r {.role}`), or an empty map when none is read. */
function relationshipProjection(r: string, properties: readonly string[]): string {
  return properties.length === 0 ? '{}' : `${r} {${properties.map((name) => `.${name}`).join(', ')}}`;
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
