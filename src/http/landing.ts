// GET /: where to start. The playground, the GraphQL endpoint, the explorer, the downloads with
// working examples, the probes, the dataset's version and the datasets loaded (version date,
// licence, attribution); HTML for browsers, JSON otherwise.

import express, { type Request, type Response, type Router } from 'express';
import type { Db } from '../db/run';
import { readSourceDatasets, type SourceDatasetModel } from '../db/sourceDatasets';
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

/**
 * A loaded dataset as the page lists it (Query.datasets without the record counts): what it is,
 * its version date and the terms of its reuse.
 */
export type LandingSourceDataset = Pick<
  SourceDatasetModel,
  | 'id'
  | 'name'
  | 'publisher'
  | 'homepage'
  | 'licence'
  | 'licenceUrl'
  | 'attribution'
  | 'versionDate'
  | 'release'
>;

async function dataset(
  options: LandingOptions,
  db: Db,
): Promise<{ dataset: LandingDataset; datasets: LandingSourceDataset[] }> {
  try {
    const [stats, loaded] = await Promise.all([readStats(db), readSourceDatasets(db)]);
    return {
      dataset: {
        datasetVersion: stats.datasetVersion,
        dataVersion: stats.dataVersion,
        lastChangedAt: stats.lastChangedAt,
        available: true,
      },
      datasets: loaded.map(
        ({ id, name, publisher, homepage, licence, licenceUrl, attribution, versionDate, release }) => ({
          id,
          name,
          publisher,
          homepage,
          licence,
          licenceUrl,
          attribution,
          versionDate,
          release,
        }),
      ),
    };
  } catch (error) {
    // The page stays up when Neo4j is down: it points at /ready, which says so.
    options.logger.warn('landing page: dataset version unavailable', { error: String(error) });
    return {
      dataset: { datasetVersion: null, dataVersion: null, lastChangedAt: null, available: false },
      datasets: [],
    };
  }
}

/** The landing document (what GET / answers as JSON). */
export async function landingDocument(
  options: LandingOptions,
  base: string,
  db: Db = options.db,
): Promise<Record<string, unknown>> {
  const graphqlUrl = `${base}${options.graphqlPath}`;
  const loaded = await dataset(options, db);
  return {
    name: 'PerMed Graph',
    description:
      'A knowledge graph of the European personalised-medicine ecosystem (EP PerMed, ERA PerMed, ICPerMed): ' +
      'funders, calls, projects, partners, objectives, value-chain stages and knowledge gaps, with sources.',
    dataset: loaded.dataset,
    // The datasets loaded, curated data first: each reuse owes its attribution (CORDIS: CC BY 4.0).
    datasets: loaded.datasets,
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

/** The loaded datasets as a table: name (linked to its homepage), version, licence, attribution. */
function datasetsHtml(datasets: readonly LandingSourceDataset[], available: boolean): string {
  if (!available)
    return '<p>The list of loaded datasets is unavailable while the database does not answer.</p>';
  if (datasets.length === 0) return '<p>No dataset is loaded yet (run <code>npm run seed</code>).</p>';
  const rows = datasets.map((entry) => {
    const name = entry.homepage ? link(entry.homepage, entry.name) : escapeHtml(entry.name);
    const licence = entry.licenceUrl ? link(entry.licenceUrl, entry.licence) : escapeHtml(entry.licence);
    const version = escapeHtml(entry.versionDate) + (entry.release ? ` (${escapeHtml(entry.release)})` : '');
    return `<tr><td class="code">${escapeHtml(entry.id)}</td><td>${name}<br>${escapeHtml(entry.publisher)}</td>
<td>${version}</td><td>${licence}</td><td>${escapeHtml(entry.attribution)}</td></tr>`;
  });
  return `<table>
<thead><tr><th>id</th><th>dataset</th><th>version date</th><th>licence</th><th>attribution</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function landingHtml(
  options: LandingOptions,
  base: string,
  data: LandingDataset,
  datasets: readonly LandingSourceDataset[],
): string {
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
<h2>Datasets</h2>
<p>Where the records come from; every record lists its own in <code>datasets</code>, and lists, networks
and the gap analytics filter by them. Reusing records owes each dataset's attribution.</p>
${datasetsHtml(datasets, data.available)}
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
      res
        .type('html')
        .send(
          landingHtml(
            options,
            base,
            document.dataset as LandingDataset,
            document.datasets as LandingSourceDataset[],
          ),
        );
      return;
    }
    res.json(document);
  });
  return router;
}
