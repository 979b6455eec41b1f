// Validation of network arguments (shared by GraphQL and the /export routes, each naming
// its own arguments in errors), and the download URL of a network with the same arguments.
// The parent models of the network types are in src/db/networkModels.ts.

import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { NetworkData } from '../analytics/networkData';
import type { EntityLabel } from '../db/models';
import {
  type EntityRef,
  type NetworkAround,
  type NetworkFilterInput,
  type NetworkRequest,
} from '../db/networks';
import type { NetworkSource } from '../db/networkModels';
import type { Db } from '../db/run';
import { kindOfLabel } from '../db/search';
import {
  BOUNDS,
  boundedInteger,
  codes,
  countryCodes,
  fraction,
  idList,
  provenance,
  year,
  yearsInOrder,
} from './arguments';
import { checkFilterIds, checkIds, matchIdsOfLabels, type FilterIdFields, type IdField } from './validateIds';
import { BadUserInputError } from '../errors';
import { EXPORT_FORMATS, type ExportFormat } from '../export/exportNetwork';
import { CALL_KINDS, DATASET_IDS } from '../model';

/** The names errors give to each filter field (and to the ego view's): GraphQL argument paths or query parameters. */
export type FilterNames = Record<keyof NetworkFilterInput | keyof NetworkAroundInput, string>;

/** The ego view's fields of NetworkFilter, as given. */
export interface NetworkAroundInput {
  around?: readonly string[] | null;
  aroundHops?: number | null;
}

export const GRAPHQL_FILTER_NAMES: FilterNames = {
  calls: 'filter.calls',
  programmes: 'filter.programmes',
  callKinds: 'filter.callKinds',
  yearFrom: 'filter.yearFrom',
  yearTo: 'filter.yearTo',
  countries: 'filter.countries',
  stages: 'filter.stages',
  objectives: 'filter.objectives',
  gaps: 'filter.gaps',
  provenance: 'filter.provenance',
  minConfidence: 'filter.minConfidence',
  datasets: 'filter.datasets',
  around: 'filter.around',
  aroundHops: 'filter.aroundHops',
};

/** Query parameters of the /export routes, one per filter field (singular: `call=jtc2024`). */
export const QUERY_FILTER_NAMES: FilterNames = {
  calls: 'call',
  programmes: 'programme',
  callKinds: 'callKind',
  yearFrom: 'yearFrom',
  yearTo: 'yearTo',
  countries: 'country',
  stages: 'stage',
  objectives: 'objective',
  gaps: 'gap',
  provenance: 'provenance',
  minConfidence: 'minConfidence',
  datasets: 'dataset',
  around: 'around',
  aroundHops: 'aroundHops',
};

/**
 * Checks a network filter and returns it normalised (country codes upper case, absent
 * fields null).
 * @throws BadUserInputError naming the field (as `names` spells it) and what is wrong.
 */
export function networkFilter(
  filter: NetworkFilterInput | null | undefined,
  names: FilterNames = GRAPHQL_FILTER_NAMES,
): NetworkFilterInput {
  const input = filter ?? {};
  const countries = countryCodes(input.countries, names.countries);
  const yearFrom = year(input.yearFrom, names.yearFrom);
  const yearTo = year(input.yearTo, names.yearTo);
  yearsInOrder(yearFrom, yearTo, names.yearFrom, names.yearTo);
  const minConfidence = fraction(input.minConfidence, names.minConfidence);
  const checkedProvenance = provenance(input.provenance, names.provenance);
  const callKinds = codes(input.callKinds, names.callKinds, CALL_KINDS, 'call kinds');
  // The id lists are checked in this order (the first fault is the one reported).
  return {
    calls: idList(input.calls, names.calls),
    programmes: idList(input.programmes, names.programmes),
    callKinds,
    yearFrom,
    yearTo,
    countries,
    stages: idList(input.stages, names.stages),
    objectives: idList(input.objectives, names.objectives),
    gaps: idList(input.gaps, names.gaps),
    provenance: checkedProvenance,
    minConfidence,
    datasets: codes(input.datasets, names.datasets, DATASET_IDS, 'datasets'),
  };
}

/**
 * Checks the ego view's fields of a network filter: null without `around`; `aroundHops` (1 to
 * 3, default 1) only with it. The ids are matched to stored ids later (checkAroundIds).
 * @throws BadUserInputError naming the field as `names` spells it.
 */
export function networkAround(
  filter: NetworkAroundInput | null | undefined,
  names: FilterNames = GRAPHQL_FILTER_NAMES,
): NetworkAround | null {
  const ids = idList(filter?.around, names.around);
  const hops = filter?.aroundHops ?? null;
  if (ids === null) {
    if (hops !== null) throw new BadUserInputError(names.aroundHops, `is only read with ${names.around}`);
    return null;
  }
  return { ids, hops: boundedInteger(hops, names.aroundHops, BOUNDS.hops) };
}

/** The labels of a network's nodes: what the ids of `around` may name. */
export function nodeLabels(request: Pick<NetworkRequest, 'kind' | 'actors' | 'targets'>): EntityLabel[] {
  switch (request.kind) {
    case 'COFUNDING':
      return ['Funder'];
    case 'COUNTRY_COLLABORATION':
      return ['Country'];
    case 'ORGANISATION_COLLABORATION':
      return ['Organisation'];
    case 'BIPARTITE':
      return [
        request.actors === 'COUNTRIES' ? 'Country' : 'Funder',
        request.targets === 'OBJECTIVES' ? 'Objective' : 'KnowledgeGap',
      ];
    default:
      throw new TypeError(`nodeLabels: unknown network kind ${String(request.kind)}`);
  }
}

/**
 * A projected network's request with its filter's ids and its `around` ids matched to stored
 * ids (any case), in one statement when every id is found as typed, lower or upper case.
 * @throws UnknownIdError naming the field as `names` spells it, with the nearest valid ids.
 */
export async function checkRequestIds(
  db: Db,
  request: NetworkRequest,
  names: FilterNames = GRAPHQL_FILTER_NAMES,
): Promise<NetworkRequest> {
  const filter = await checkNetworkFilterIds(db, request.filter, names);
  const around = request.around ?? null;
  if (around === null) return { ...request, filter };
  const ids = await matchIdsOfLabels(db, names.around, nodeLabels(request), around.ids);
  return { ...request, filter, around: { ...around, ids } };
}

/** The id fields of a network filter and their kinds. */
const NETWORK_ID_FIELDS: FilterIdFields<NetworkFilterInput> = {
  calls: 'Call',
  programmes: 'Programme',
  countries: 'Country',
  stages: 'ValueChainStage',
  objectives: 'Objective',
  gaps: 'KnowledgeGap',
};

/**
 * A (syntactically checked) network filter with every id matched to a stored id, in one
 * statement (src/resolvers/validateIds.ts).
 * @throws UnknownIdError naming the field as `names` spells it, with the nearest valid ids.
 */
export async function checkNetworkFilterIds(
  db: Db,
  filter: NetworkFilterInput,
  names: FilterNames = GRAPHQL_FILTER_NAMES,
): Promise<NetworkFilterInput> {
  return (await checkFilterIds(db, filter, NETWORK_ID_FIELDS, (field) => names[field])) ?? filter;
}

/**
 * Entity references with their ids matched to stored ids (any case), in one statement.
 * @throws UnknownIdError naming `<argument>.id` (or the name `idNames` gives) when a record does not exist.
 */
export async function checkEntityRefs<K extends string>(
  db: Db,
  refs: Readonly<Record<K, EntityRef>>,
  idNames: Readonly<Record<K, string>>,
): Promise<Record<K, EntityRef>> {
  const keys = Object.keys(refs) as K[];
  const fields = {} as Record<K, IdField>;
  for (const key of keys)
    fields[key] = { argument: idNames[key], label: refs[key].label, ids: [refs[key].id] };
  const checked = await checkIds(db, fields);
  const result = {} as Record<K, EntityRef>;
  for (const key of keys) result[key] = { label: refs[key].label, id: checked[key]?.[0] ?? refs[key].id };
  return result;
}

/** A network source with every id checked: the filter's (projections) or the centre's (neighbourhoods). */
export async function checkSourceIds(
  db: Db,
  source: NetworkSource,
  names: FilterNames,
  centreName: string,
): Promise<NetworkSource> {
  if (source.type === 'neighbourhood') {
    const { of } = await checkEntityRefs(db, { of: source.request.of }, { of: centreName });
    return { type: 'neighbourhood', request: { ...source.request, of } };
  }
  return { type: 'projection', request: await checkRequestIds(db, source.request, names) };
}

/** The stem of export file names and URLs per network kind. */
export function exportStem(source: NetworkSource): string {
  if (source.type === 'neighbourhood') return 'neighbourhood';
  switch (source.request.kind) {
    case 'COFUNDING':
      return 'cofunding';
    case 'COUNTRY_COLLABORATION':
    case 'ORGANISATION_COLLABORATION':
      return 'collaboration';
    case 'BIPARTITE':
      return 'bipartite';
    default:
      throw new TypeError(`exportStem: unknown network kind ${String(source.request.kind)}`);
  }
}

/**
 * The query parameters that make the /export routes answer `source` again, in a fixed
 * order; lists as repeated parameters, enum values lower case. Defaults are written out
 * so that the URL does not depend on the server's defaults.
 */
export function exportQuery(source: NetworkSource): URLSearchParams {
  const params = new URLSearchParams();
  if (source.type === 'neighbourhood') {
    const { of, hops, relationshipTypes: types, limit } = source.request;
    params.append('kind', kindOfLabel(of.label).toLowerCase());
    params.append('id', of.id);
    params.append('hops', String(hops));
    for (const type of types) params.append('type', type.toLowerCase());
    params.append('limit', String(limit));
    return params;
  }
  const { kind, basis, actors, targets, filter, limit } = source.request;
  if (kind === 'COUNTRY_COLLABORATION') params.append('level', 'countries');
  if (kind === 'ORGANISATION_COLLABORATION') params.append('level', 'organisations');
  if (kind === 'BIPARTITE') {
    params.append('actors', String(actors).toLowerCase());
    params.append('targets', String(targets).toLowerCase());
  }
  if (kind === 'COFUNDING' || kind === 'BIPARTITE') params.append('basis', basis.toLowerCase());
  for (const field of Object.keys(QUERY_FILTER_NAMES) as Array<keyof FilterNames>) {
    if (field === 'around' || field === 'aroundHops') continue;
    const value = filter[field];
    if (value === null || value === undefined) continue;
    const name = QUERY_FILTER_NAMES[field];
    // Enum values are written lower case, like basis and provenance.
    if (Array.isArray(value))
      for (const item of value) params.append(name, field === 'callKinds' ? item.toLowerCase() : item);
    else params.append(name, field === 'provenance' ? String(value).toLowerCase() : String(value));
  }
  if (source.request.around) {
    for (const id of source.request.around.ids) params.append(QUERY_FILTER_NAMES.around, id);
    params.append(QUERY_FILTER_NAMES.aroundHops, String(source.request.around.hops));
  }
  params.append('limit', String(limit));
  return params;
}

/**
 * The download URL of a network in `format`, e.g.
 * http://localhost:4000/export/cofunding.gexf?basis=calls&call=jtc2024&limit=200: absolute on
 * `baseUrl` (see src/http/publicUrl.ts), server-relative when it is null.
 */
export function downloadUrl(
  source: NetworkSource,
  format: ExportFormat,
  baseUrl: string | null = null,
): string {
  const file = `${exportStem(source)}.${EXPORT_FORMATS[format].extension}`;
  return `${baseUrl ?? ''}/export/${file}?${exportQuery(source).toString()}`;
}

/** The file name a download is saved as: the network's name (kind and basis, e.g. cofunding-calls) and the extension. */
export function exportFileName(network: NetworkData, format: ExportFormat): string {
  return `${network.name.replace(/[^\w.-]+/g, '_')}.${EXPORT_FORMATS[format].extension}`;
}

/**
 * Fields of a Network answer that read the evidence ids of its edges; `coverage` counts the
 * named projects behind them (src/analytics/sampleCoverage.ts).
 */
const EVIDENCE_FIELDS = new Set(['evidenceIds', 'projects', 'calls', 'document', 'coverage']);

/**
 * Whether the selection of a network field may read the evidence ids of its edges (edges'
 * evidenceIds, projects or calls, or a document); when not, the weights are only counted.
 * Conservative: a field of one of those names anywhere below (fragments included) counts.
 */
export function selectsEdgeEvidence(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): boolean {
  const seen = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined): boolean =>
    (selectionSet?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) {
        return EVIDENCE_FIELDS.has(selection.name.value) || visit(selection.selectionSet);
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet);
      const name = selection.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      return visit(info.fragments[name]?.selectionSet);
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}
