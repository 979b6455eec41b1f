// The downloads besides networks: GET /export (what there is), the entity tables
// /export/<projects|funders|calls|organisations>.csv (filtered like the GraphQL lists, every
// record, streamed page by page) and /export/dump.jsonl (the whole dataset with its version).

import { once } from 'node:events';
import express, { type Request, type Response, type Router } from 'express';
import { readEntityStates } from '../db/curation';
import { dumpNodes, dumpRelationships, readDumpCounts } from '../db/dump';
import { listNodes, type ListSpec } from '../db/listQuery';
import type { EntityLabel } from '../db/models';
import type { PageLimits } from '../db/pagination';
import { CALLS, FUNDERS } from '../db/funding';
import { ORGANISATIONS, PROJECTS } from '../db/projects';
import type { Db } from '../db/run';
import { readSourceDatasets } from '../db/sourceDatasets';
import { readStats } from '../db/stats';
import { BadUserInputError } from '../errors';
import { entityCsvHeader, entityCsvRows } from '../export/toEntityCsv';
import type { EntityKind, EntityState } from '../model';
import type { Logger } from '../logger';
import { derivationFilter } from '../resolvers/arguments';
import { checkFilterIds, LIST_ID_FIELDS } from '../resolvers/validateIds';
import { wantsBom, UTF8_BOM } from './bom';
import { CSV_OPTION_PARAMETERS, ENTITY_TABLES, exportCatalogue } from './exportCatalogue';
import { EXPORT_PATH, sendExportError } from './exports';
import { methodNotAllowed } from './httpErrors';
import { filterFromQuery, filterParameters } from './filterParameters';
import { catalogueHtml, escapeHtml, renderPage, wantsHtml } from './htmlPage';
import { publicBaseUrl } from './publicUrl';
import { scopeOf } from './requestScope';

type AnyListSpec = ListSpec<EntityLabel, Record<string, unknown>, string>;

/** The GraphQL list behind each table, with that list's default sort (the keyset order of the pages). */
const LISTS: Record<EntityKind, { spec: AnyListSpec; sort: { field: string; direction: 'ASC' | 'DESC' } }> = {
  projects: { spec: PROJECTS as unknown as AnyListSpec, sort: { field: 'YEAR', direction: 'DESC' } },
  funders: { spec: FUNDERS as unknown as AnyListSpec, sort: { field: 'NAME', direction: 'ASC' } },
  calls: { spec: CALLS as unknown as AnyListSpec, sort: { field: 'YEAR', direction: 'DESC' } },
  organisations: { spec: ORGANISATIONS as unknown as AnyListSpec, sort: { field: 'NAME', direction: 'ASC' } },
};

export interface EntityExportOptions {
  db: Db;
  logger: Logger;
  limits: PageLimits;
  /** PUBLIC_URL, or null to use the request's checked Host. */
  publicUrl: string | null;
}

/**
 * Reads a table's filter from the query, checked as the GraphQL list checks it.
 * @throws BadUserInputError naming the parameter at fault.
 */
export function tableFilter(kind: EntityKind, query: Record<string, unknown>): Record<string, unknown> {
  const filter = filterFromQuery(
    filterParameters(ENTITY_TABLES[kind].filterType),
    query,
    CSV_OPTION_PARAMETERS,
  );
  if (kind === 'projects') derivationFilter(filter);
  return filter;
}

/**
 * The CSV of a table in chunks: the header, then one chunk per page of the list (keyset
 * pages of MAX_PAGE_SIZE in the list's default order; the states of a page in one statement).
 */
export async function* tableCsvChunks(
  db: Db,
  kind: EntityKind,
  filter: Record<string, unknown>,
  limits: PageLimits,
): AsyncGenerator<string> {
  const { def } = ENTITY_TABLES[kind];
  const { spec, sort } = LISTS[kind];
  const runner = { run: <T>(cypher: string, params?: Record<string, unknown>) => db.read<T>(cypher, params) };
  yield entityCsvHeader(def);
  let after: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof listNodes>> = await listNodes(
      db,
      spec,
      { filter, sort, first: limits.maxPageSize, after },
      limits,
    );
    const ids = (await page.nodes()).map((node) => node.id);
    const states = await readEntityStates(runner, def, ids);
    // A record deleted between the two statements is left out rather than written half.
    yield entityCsvRows(
      def,
      ids.flatMap((id): EntityState[] => {
        const state = states.get(id);
        return state ? [state] : [];
      }),
    );
    const pageInfo = await page.pageInfo();
    after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
  } while (after !== null);
}

/** The lines of dump.jsonl: header, nodes, relationships, end. */
export async function* dumpLines(db: Db): AsyncGenerator<string> {
  const [stats, counts, datasets] = await Promise.all([
    readStats(db),
    readDumpCounts(db),
    readSourceDatasets(db),
  ]);
  yield `${JSON.stringify({
    type: 'header',
    format: 'permed-graph-dump',
    formatVersion: 1,
    datasetVersion: stats.datasetVersion,
    dataVersion: stats.dataVersion,
    lastChangedAt: stats.lastChangedAt,
    exportedAt: new Date().toISOString(),
    counts,
    // Where the records come from, with each dataset's licence and attribution.
    datasets,
  })}\n`;
  let nodes = 0;
  let relationships = 0;
  for await (const node of dumpNodes(db)) {
    nodes += 1;
    yield `${JSON.stringify({ type: 'node', ...node })}\n`;
  }
  for await (const relationship of dumpRelationships(db)) {
    relationships += 1;
    // As APOC's JSON export: the relationship type is its label.
    const { type, ...rest } = relationship;
    yield `${JSON.stringify({ type: 'relationship', label: type, ...rest })}\n`;
  }
  // A write during the download shows as a dataVersion differing from the header's.
  const after = await readStats(db);
  yield `${JSON.stringify({ type: 'end', dataVersion: after.dataVersion, nodes, relationships })}\n`;
}

/**
 * Writes `chunks` to `res` with back-pressure. The first chunk that needs the database is
 * read before the status is sent, so that a failing query still gets an error status; a
 * failure later ends the connection without the final chunk (the file is visibly cut).
 */
async function stream(
  res: Response,
  chunks: AsyncGenerator<string>,
  prefix: string,
  firstChunks: number,
): Promise<void> {
  const head: string[] = [prefix];
  for (let index = 0; index < firstChunks; index += 1) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
  }
  res.status(200);
  res.write(head.join(''));
  for await (const chunk of chunks) {
    if (res.destroyed) {
      await chunks.return(undefined);
      return;
    }
    if (!res.write(chunk)) await drained(res);
  }
  res.end();
}

/** Waits until `res` takes more data or is closed; leaves no listener behind. */
async function drained(res: Response): Promise<void> {
  const done = new AbortController();
  try {
    await Promise.race([
      once(res, 'drain', { signal: done.signal }),
      once(res, 'close', { signal: done.signal }),
    ]);
  } finally {
    done.abort();
  }
}

/** The router of GET /export, /export/<table>.csv and /export/dump.jsonl; mount it before the network routes. */
export function createEntityExportRouter(options: EntityExportOptions): Router {
  const router = express.Router();

  router.get(EXPORT_PATH, (req: Request, res: Response) => {
    const base = publicBaseUrl(req, options.publicUrl);
    const exports = exportCatalogue().map((entry) => ({ ...entry, exampleUrl: `${base}${entry.example}` }));
    res.setHeader('cache-control', 'no-store');
    if (wantsHtml(req)) {
      res
        .type('html')
        .send(
          renderPage(
            'PerMed Graph: downloads',
            `<p>Every download as JSON: <code>curl -H 'accept: application/json' ${escapeHtml(base)}/export</code>. ` +
              'Lists are repeated or comma-separated parameters; enum values in any case.</p>\n' +
              catalogueHtml(exports),
          ),
        );
      return;
    }
    res.json({ exports });
  });

  const handle = async (req: Request, res: Response, kind: EntityKind | 'dump'): Promise<void> => {
    const scope = scopeOf(res);
    const requestId = scope.requestId;
    // Every statement stops at the request's deadline or when the client leaves.
    const db = options.db.withScope(scope);
    const query = req.query as Record<string, unknown>;
    try {
      res.setHeader('cache-control', 'no-store');
      if (kind === 'dump') {
        for (const name of Object.keys(query))
          throw new BadUserInputError(name, 'is not a parameter of /export/dump.jsonl, which takes none');
        res.setHeader('content-type', 'application/jsonl; charset=utf-8');
        res.setHeader('content-disposition', 'attachment; filename="permed-graph-dump.jsonl"');
        await stream(res, dumpLines(db), '', 1);
        return;
      }
      const bom = wantsBom(query);
      // Ids in the filter are checked as the GraphQL lists check them: an unknown call or
      // country is a 400 with the nearest ids, not an empty table.
      const filter =
        (await checkFilterIds(db, tableFilter(kind, query), LIST_ID_FIELDS[kind], (field) => field)) ?? {};
      res.setHeader('content-type', 'text/csv; charset=utf-8; header=present');
      res.setHeader('content-disposition', `attachment; filename="${kind}.csv"`);
      await stream(res, tableCsvChunks(db, kind, filter, options.limits), bom ? UTF8_BOM : '', 2);
    } catch (error) {
      if (res.headersSent) {
        options.logger.error('export cut short', { requestId, path: req.originalUrl, error: String(error) });
        res.destroy();
      } else {
        sendExportError(res, error, { requestId, path: req.originalUrl, logger: options.logger });
      }
    }
  };
  for (const kind of Object.keys(ENTITY_TABLES) as EntityKind[]) {
    router.get(`${EXPORT_PATH}/${kind}.csv`, (req, res) => handle(req, res, kind));
  }
  router.get(`${EXPORT_PATH}/dump.jsonl`, (req, res) => handle(req, res, 'dump'));
  router.all(EXPORT_PATH, methodNotAllowed(['GET']));
  return router;
}
