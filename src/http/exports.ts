// The /export routes: a network as a file (CSV, GEXF, GraphML, Cytoscape.js, VOSviewer,
// GeoJSON) for the same arguments as the GraphQL network queries, given as query parameters.

import express, { type Request, type Response, type Router } from 'express';
import { analyseNetwork } from '../analytics/analyseNetwork';
import type { NetworkData } from '../analytics/networkData';
import { readNeighbourhood, readNetwork, type NetworkFilterInput } from '../db/networks';
import type { EntityLabel } from '../db/models';
import type { Db } from '../db/run';
import { BadUserInputError, ErrorCode, PublicError } from '../errors';
import { EXPORT_FORMATS, exportNetwork, formatOfExtension } from '../export/exportNetwork';
import { geoJsonGaps } from '../export/toGeoJson';
import type { Logger } from '../logger';
import { BOM_PARAMETER, UTF8_BOM, wantsBom } from './bom';
import { methodNotAllowed, sendHttpError } from './httpErrors';
import {
  choiceText,
  integerText,
  numberText,
  parameterValues,
  type Query,
  requiredValue,
  singleValue,
} from './queryParameters';
import { scopeOf } from './requestScope';
import {
  BOUNDS,
  boundedInteger,
  labelOfKind,
  MAX_TEXT_LENGTH,
  relationshipTypes,
} from '../resolvers/arguments';
import {
  checkSourceIds,
  exportFileName,
  networkAround,
  networkFilter,
  QUERY_FILTER_NAMES,
} from '../resolvers/networkRequest';
import type { NetworkSource } from '../db/networkModels';

export const EXPORT_PATH = '/export';

/** The networks the routes serve, by the stem of their file name. */
export const EXPORT_STEMS = ['cofunding', 'collaboration', 'bipartite', 'neighbourhood'] as const;
type Stem = (typeof EXPORT_STEMS)[number];

const FILTER_PARAMETERS = Object.values(QUERY_FILTER_NAMES);
/** The query parameters of each network's route (listed by GET /export). */
export const EXPORT_PARAMETERS: Readonly<Record<Stem, readonly string[]>> = {
  cofunding: ['basis', ...FILTER_PARAMETERS, 'limit'],
  collaboration: ['level', ...FILTER_PARAMETERS, 'limit'],
  bipartite: ['actors', 'targets', 'basis', ...FILTER_PARAMETERS, 'limit'],
  neighbourhood: ['kind', 'id', 'hops', 'type', 'limit'],
};

function integer(query: Query, name: string): number | null {
  const value = singleValue(query, name);
  return value === null ? null : integerText(value, name);
}

function decimal(query: Query, name: string): number | null {
  const value = singleValue(query, name);
  return value === null ? null : numberText(value, name);
}

/** One of `allowed`, in any case: required, or `fallback` when absent. */
function choice<T extends string>(query: Query, name: string, allowed: readonly T[], fallback?: T): T {
  const value = fallback === undefined ? requiredValue(query, name) : singleValue(query, name);
  return value === null ? (fallback as T) : choiceText(value, name, allowed);
}

function filterFromQuery(query: Query): NetworkFilterInput {
  const names = QUERY_FILTER_NAMES;
  const provenance = singleValue(query, names.provenance);
  return networkFilter(
    {
      calls: parameterValues(query, names.calls),
      programmes: parameterValues(query, names.programmes),
      callKinds: parameterValues(query, names.callKinds),
      yearFrom: integer(query, names.yearFrom),
      yearTo: integer(query, names.yearTo),
      countries: parameterValues(query, names.countries),
      stages: parameterValues(query, names.stages),
      objectives: parameterValues(query, names.objectives),
      gaps: parameterValues(query, names.gaps),
      provenance:
        provenance === null ? null : choice(query, names.provenance, ['CURATED', 'INFERRED'] as const),
      minConfidence: decimal(query, names.minConfidence),
      datasets: parameterValues(query, names.datasets),
    },
    names,
  );
}

function neighbourhoodCentre(query: Query): { label: EntityLabel; id: string } {
  const kind = requiredValue(query, 'kind');
  const label = labelOfKind(kind.toUpperCase());
  if (!label)
    throw new BadUserInputError(
      'kind',
      `must be an entity kind such as funder, call, project, organisation, country or knowledge_gap, got "${kind}"`,
    );
  const id = requiredValue(query, 'id');
  if (id.length > MAX_TEXT_LENGTH) {
    throw new BadUserInputError('id', `must be at most ${MAX_TEXT_LENGTH} characters`);
  }
  return { label, id };
}

/**
 * Reads the network a request names: the stem picks the network, the query parameters its
 * arguments (the same as the GraphQL query's, named as in QUERY_FILTER_NAMES).
 * @throws BadUserInputError naming the query parameter at fault (unknown ones included).
 */
export function sourceFromQuery(stem: Stem, query: Query): NetworkSource {
  for (const name of Object.keys(query)) {
    // bom is a parameter of the file (CSV only), not of the network.
    if (!EXPORT_PARAMETERS[stem].includes(name) && name !== BOM_PARAMETER) {
      const allowed = EXPORT_PARAMETERS[stem].join(', ');
      throw new BadUserInputError(name, `is not a parameter of /export/${stem}; use ${allowed}`);
    }
  }
  if (stem === 'neighbourhood') {
    return {
      type: 'neighbourhood',
      request: {
        of: neighbourhoodCentre(query),
        hops: boundedInteger(integer(query, 'hops'), 'hops', BOUNDS.hops),
        relationshipTypes: relationshipTypes(
          parameterValues(query, 'type')?.map((type) => type.toUpperCase()),
          'type',
        ),
        limit: boundedInteger(integer(query, 'limit'), 'limit', BOUNDS.neighbourhoodLimit),
      },
    };
  }
  const filter = filterFromQuery(query);
  const around = networkAround(
    {
      around: parameterValues(query, QUERY_FILTER_NAMES.around),
      aroundHops: integer(query, QUERY_FILTER_NAMES.aroundHops),
    },
    QUERY_FILTER_NAMES,
  );
  const limit = boundedInteger(integer(query, 'limit'), 'limit', BOUNDS.networkLimit);
  switch (stem) {
    case 'cofunding':
      return {
        type: 'projection',
        request: {
          kind: 'COFUNDING',
          basis: choice(query, 'basis', ['CALLS', 'PROJECTS'] as const, 'CALLS'),
          filter,
          around,
          limit,
        },
      };
    case 'collaboration': {
      const level = choice(query, 'level', ['COUNTRIES', 'ORGANISATIONS'] as const);
      return {
        type: 'projection',
        request: {
          kind: level === 'COUNTRIES' ? 'COUNTRY_COLLABORATION' : 'ORGANISATION_COLLABORATION',
          basis: 'PROJECTS',
          filter,
          around,
          limit,
        },
      };
    }
    case 'bipartite':
      return {
        type: 'projection',
        request: {
          kind: 'BIPARTITE',
          actors: choice(query, 'actors', ['FUNDERS', 'COUNTRIES'] as const),
          targets: choice(query, 'targets', ['GAPS', 'OBJECTIVES'] as const),
          basis: choice(query, 'basis', ['PROJECTS', 'CALLS'] as const, 'PROJECTS'),
          filter,
          around,
          limit,
        },
      };
    default:
      throw new TypeError(`sourceFromQuery: unknown stem ${String(stem)}`);
  }
}

/** Reads the network of a source: one to two statements (see src/db/networks.ts). */
export async function readSource(db: Db, source: NetworkSource): Promise<NetworkData | null> {
  return source.type === 'neighbourhood'
    ? readNeighbourhood(db, source.request)
    : readNetwork(db, source.request);
}

/** How many node ids X-Network-Unlocated-Nodes lists; a neighbourhood may hold hundreds of projects. */
const UNLOCATED_IDS_IN_HEADER = 50;

/**
 * Names what a map of the network cannot draw: X-Network-Unlocated-Node-Count and
 * X-Network-Unlocated-Nodes (the first 50 ids, comma-separated, then "..." when there are
 * more), X-Network-Colocated-Edge-Count (edges whose ends share a point, kept with a null
 * geometry in GeoJSON rather than drawn with zero length).
 */
function setLocationHeaders(res: Response, network: NetworkData): void {
  const gaps = geoJsonGaps(network);
  const listed = gaps.unlocatedNodeIds.slice(0, UNLOCATED_IDS_IN_HEADER);
  if (gaps.unlocatedNodeIds.length > listed.length) listed.push('...');
  res.setHeader('x-network-unlocated-node-count', String(gaps.unlocatedNodeIds.length));
  res.setHeader('x-network-unlocated-nodes', listed.join(','));
  res.setHeader('x-network-colocated-edge-count', String(gaps.colocatedEdgeCount));
}

/**
 * The router of GET /export/<network>.<extension>, e.g. /export/cofunding.gexf?call=jtc2024.
 * Answers 200 with the file (Content-Type of the format, Content-Disposition attachment
 * with a file name, X-Network-Truncated, node/edge counts and the location headers above), 400 naming the query
 * parameter at fault, 404 for an unknown network, format or neighbourhood centre, 405 for
 * a method other than GET, and a masked 500 (with the request id, details logged) otherwise;
 * errors have the shape {"errors":[{"message","extensions":{"code","parameter"?}}]}.
 * The reads stop at the request's deadline or when the client leaves (requestScope).
 */
export function createExportRouter(options: { db: Db; logger: Logger }): Router {
  const router = express.Router();
  router.get(`${EXPORT_PATH}/:file`, async (req: Request, res: Response) => {
    const scope = scopeOf(res);
    const requestId = scope.requestId;
    const file = String(req.params.file);
    const dot = file.indexOf('.');
    const stem = (dot > 0 ? file.slice(0, dot) : file) as Stem;
    const format = dot > 0 ? formatOfExtension(file.slice(dot + 1)) : null;
    if (!EXPORT_STEMS.includes(stem) || !format) {
      const extensions = Object.values(EXPORT_FORMATS).map((spec) => spec.extension);
      const shown = file.length > 100 ? `${file.slice(0, 100)}...` : file;
      sendHttpError(
        res,
        404,
        ErrorCode.NotFound,
        `No export "${shown}": use /export/<${EXPORT_STEMS.join('|')}>.<${extensions.join('|')}>; ` +
          'GET /export lists every download',
      );
      return;
    }
    try {
      const db = options.db.withScope(scope);
      let source = sourceFromQuery(stem, req.query as Query);
      const bom = wantsBom(req.query as Query) && EXPORT_FORMATS[format].contentType.startsWith('text/csv');
      if (source.type === 'projection') source = await checkSourceIds(db, source, QUERY_FILTER_NAMES, 'id');
      let network = await readSource(db, source);
      if (!network && source.type === 'neighbourhood') {
        // Only a missing centre costs the id check: refused (400) with suggestions, or read again in its stored case.
        source = await checkSourceIds(db, source, QUERY_FILTER_NAMES, 'id');
        network = await readSource(db, source);
      }
      if (!network) {
        const of = source.type === 'neighbourhood' ? source.request.of : null;
        sendHttpError(res, 404, ErrorCode.NotFound, `${of?.label} "${of?.id}" not found`, {
          parameter: 'id',
        });
        return;
      }
      const body = exportNetwork(format, network, analyseNetwork(network).measures());
      res.status(200);
      res.setHeader('content-type', EXPORT_FORMATS[format].contentType);
      res.setHeader('content-disposition', `attachment; filename="${exportFileName(network, format)}"`);
      res.setHeader('cache-control', 'no-store');
      res.setHeader('x-network-truncated', String(network.truncated));
      res.setHeader('x-network-node-count', String(network.nodes.length));
      res.setHeader('x-network-edge-count', String(network.edges.length));
      setLocationHeaders(res, network);
      res.send(bom ? UTF8_BOM + body : body);
    } catch (error) {
      sendExportError(res, error, { requestId, path: req.originalUrl, logger: options.logger });
    }
  });
  router.all(`${EXPORT_PATH}/:file`, methodNotAllowed(['GET']));
  return router;
}

/** The HTTP status of a public error raised while reading an export. */
export function publicErrorStatus(code: ErrorCode): number {
  if (code === ErrorCode.NotFound) return 404;
  if (code === ErrorCode.RequestTimeout || code === ErrorCode.QueryTimeout) return 504;
  if (code === ErrorCode.ClientClosedRequest) return 499;
  return 503;
}

/**
 * Answers an error thrown before an export's body was sent: a 400 naming the parameter (an
 * unknown id keeps its suggestions, so a script can correct itself), a public error's own
 * status, else a 500 naming the request id, with the details only in the server log.
 */
export function sendExportError(
  res: Response,
  error: unknown,
  context: { requestId: string; path: string; logger: Logger },
): void {
  if (error instanceof BadUserInputError) {
    const { unknownIds, suggestions } = error.extensions;
    const details = suggestions === undefined ? {} : { unknownIds, suggestions };
    sendHttpError(res, 400, ErrorCode.BadUserInput, error.message, {
      parameter: error.extensions.argument,
      ...details,
    });
  } else if (error instanceof PublicError) {
    sendHttpError(res, publicErrorStatus(error.code), error.code, error.message);
  } else {
    context.logger.error('export failed', {
      requestId: context.requestId,
      path: context.path,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    sendHttpError(
      res,
      500,
      ErrorCode.Internal,
      `Internal server error (request ${context.requestId}); the details are in the server log`,
      { requestId: context.requestId },
    );
  }
}
