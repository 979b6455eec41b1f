// GET /: where to start. The playground, the GraphQL endpoint, the explorer, the downloads with
// working examples, the probes and the dataset's version; HTML for browsers, JSON otherwise.

import express, { type Request, type Response, type Router } from 'express';
import type { Db } from '../db/run';
import { readStats } from '../db/stats';
import type { Logger } from '../logger';
import { exportCatalogue } from './exportCatalogue';
import { EXPLORER_PATH } from './explorer';
import { EXPORT_PATH } from './exports';
import { catalogueHtml, escapeHtml, link, renderPage, wantsHtml } from './htmlPage';
import { publicBaseUrl } from './publicUrl';
import { scopeOf } from './requestScope';

export interface LandingOptions {
  db: Db;
  logger: Logger;
  graphqlPath: string;
  /** Whether the playground is served (INTROSPECTION). */
  introspection: boolean;
  /** PUBLIC_URL, or null to use the request's checked Host. */
  publicUrl: string | null;
}

/** The dataset part of the page: null values when the database does not answer. */
export interface LandingDataset {
  datasetVersion: string | null;
  dataVersion: number | null;
  lastChangedAt: string | null;
  available: boolean;
}

async function dataset(options: LandingOptions, db: Db): Promise<LandingDataset> {
  try {
    const stats = await readStats(db);
    return {
      datasetVersion: stats.datasetVersion,
      dataVersion: stats.dataVersion,
      lastChangedAt: stats.lastChangedAt,
      available: true,
    };
  } catch (error) {
    // The page stays up when Neo4j is down: it points at /ready, which says so.
    options.logger.warn('landing page: dataset version unavailable', { error: String(error) });
    return { datasetVersion: null, dataVersion: null, lastChangedAt: null, available: false };
  }
}

/** The landing document (what GET / answers as JSON). */
export async function landingDocument(
  options: LandingOptions,
  base: string,
  db: Db = options.db,
): Promise<Record<string, unknown>> {
  const graphqlUrl = `${base}${options.graphqlPath}`;
  return {
    name: 'PerMed Graph',
    description:
      'A knowledge graph of the European personalised-medicine ecosystem (EP PerMed, ERA PerMed, ICPerMed): ' +
      'funders, calls, projects, partners, objectives, value-chain stages and knowledge gaps, with sources.',
    dataset: await dataset(options, db),
    graphql: {
      url: graphqlUrl,
      playground: options.introspection ? graphqlUrl : null,
      howTo: `POST {"query": "{ stats { dataVersion } }"} as application/json to ${graphqlUrl}`,
    },
    explorer: `${base}${EXPLORER_PATH}`,
    exports: {
      listing: `${base}${EXPORT_PATH}`,
      downloads: exportCatalogue().map((entry) => ({
        name: entry.name,
        pattern: entry.pattern,
        description: entry.description,
        formats: entry.formats,
        example: `${base}${entry.example}`,
      })),
    },
    probes: { health: `${base}/health`, ready: `${base}/ready` },
  };
}

function landingHtml(options: LandingOptions, base: string, data: LandingDataset): string {
  const version = data.available
    ? `dataset <code>${escapeHtml(data.datasetVersion ?? 'none loaded')}</code>, ` +
      `data version <code>${data.dataVersion}</code>` +
      (data.lastChangedAt ? ` (last changed ${escapeHtml(data.lastChangedAt)})` : '')
    : 'the database does not answer just now (see /ready)';
  const playground = options.introspection
    ? `<p>${link(base + options.graphqlPath, 'Open the GraphQL playground')}: saved examples, the schema's
documentation, and no download from the internet.</p>`
    : `<p>GraphQL at <code>${escapeHtml(base + options.graphqlPath)}</code> (the playground is turned off here).</p>`;
  const entries = exportCatalogue().map((entry) => ({ ...entry, exampleUrl: `${base}${entry.example}` }));
  return renderPage(
    'PerMed Graph',
    `<p>A knowledge graph of the European personalised-medicine ecosystem: funders, calls, projects, partners,
objectives, value-chain stages and knowledge gaps, every record with its sources. ${version}.</p>
${playground}
<p>${link(base + EXPLORER_PATH, 'Open the explorer')}: the networks, a partnership map and the gap heat map.</p>
<h2>Downloads</h2>
<p>${link(base + EXPORT_PATH, 'All downloads')} (also as JSON). Examples on the seeded graph:</p>
${catalogueHtml(entries)}
<h2>Probes</h2>
<p>${link(`${base}/health`, '/health')}: the process answers. ${link(`${base}/ready`, '/ready')}: the database
answers (503 when not).</p>
<p>This page as JSON: <code>curl -H 'accept: application/json' ${escapeHtml(base)}/</code></p>`,
  );
}

/** The router of GET /. */
export function createLandingRouter(options: LandingOptions): Router {
  const router = express.Router();
  router.get('/', async (req: Request, res: Response) => {
    const base = publicBaseUrl(req, options.publicUrl);
    res.setHeader('cache-control', 'no-store');
    const document = await landingDocument(options, base, options.db.withScope(scopeOf(res)));
    if (wantsHtml(req)) {
      res.type('html').send(landingHtml(options, base, document.dataset as LandingDataset));
      return;
    }
    res.json(document);
  });
  return router;
}
