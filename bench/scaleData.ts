// The data sets of `npm run bench:scale` and `npm run bench:scale:profile`: the seed graph (x1),
// synthetic sets of N times its projects and the import bench's 100,000-project file, each in its
// own folder under .data/bench-scale (marked by SYNTHETIC.json, built once, reused by later runs),
// and the API served over one.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig, PROJECT_ROOT } from '../src/config';
import { createDriver } from '../src/db/driver';
import type { EmbeddedNeo4j } from '../src/db/embedded';
import { applySchema } from '../src/db/migrations';
import { createDb } from '../src/db/run';
import { seedGraph } from '../src/db/seedGraph';
import { importFile } from '../src/import/importFile';
import { createLogger } from '../src/logger';
import { type RunningApp, startApp } from '../src/main';
import { readSeedDataset } from '../src/seed/readSeedDataset';
import { startBenchNeo4j } from './benchNeo4j';
import { writeSyntheticProjectsFile } from './importData';
import type { ScaleSize } from './scaleSizes';

export const BENCH_DATA_ROOT = path.join(PROJECT_ROOT, '.data', 'bench-scale');

/** What SYNTHETIC.json says about a built data folder. */
export interface Marker {
  synthetic: true;
  label: string;
  syntheticProjects: number;
  /** The seed dataset's version the folder was built on: a changed seed file rebuilds it. */
  seedVersion?: string;
  generator: 'bench/importData.ts syntheticProjectRow';
  builtAt: string;
}

export function dataDirOf(size: ScaleSize): string {
  return path.join(BENCH_DATA_ROOT, size.syntheticProjects === 0 ? 'x1-seeds' : `${size.label}-synthetic`);
}

/** The folder's SYNTHETIC.json, or null when it holds none (or none that parses). */
export function readMarker(dir: string): Marker | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'SYNTHETIC.json'), 'utf8')) as Marker;
  } catch {
    return null;
  }
}

/** The seed dataset's version the size's folder was built on, when it is built. */
export function builtOnSeeds(size: ScaleSize): string | undefined {
  return readMarker(dataDirOf(size))?.seedVersion;
}

/** When a built folder is reused: `rebuild` never; `anySeeds` also when built on other seeds. */
export interface DataSetReuse {
  rebuild?: boolean;
  /**
   * Keep a folder built for the same number of synthetic projects on an older seed file
   * (--keep-data): rebuilding 100k takes about 30 minutes on a busy machine, and a changed seed
   * file changes its 30 seed projects' links, not the synthetic rows. The report names the seeds.
   */
  anySeeds?: boolean;
}

/**
 * Starts Neo4j on the size's folder, building the data set first when it is missing, was built
 * for another number of projects or on other seeds (unless `anySeeds`), or `rebuild` is set.
 */
export async function openDataSet(size: ScaleSize, reuse: DataSetReuse = {}): Promise<EmbeddedNeo4j> {
  const { rebuild = false, anySeeds = false } = reuse;
  const config = parseConfig(process.env);
  const seeds = await readSeedDataset(config.seedsDir);
  const dir = dataDirOf(size);
  const { syntheticProjects, label } = size;
  const marker = readMarker(dir);
  const keep =
    !rebuild &&
    marker !== null &&
    marker.syntheticProjects === syntheticProjects &&
    (anySeeds || marker.seedVersion === seeds.manifest.version);
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  const server = await startBenchNeo4j(config, dir);
  if (keep) return server;
  const started = performance.now();
  const driver = createDriver({ uri: server.uri });
  try {
    const db = createDb(driver, { database: config.database, queryTimeoutMs: config.importTimeoutMs });
    await applySchema(db);
    await seedGraph(db, seeds);
    if (syntheticProjects > 0) {
      const file = path.join(
        fs.mkdtempSync(path.join(os.tmpdir(), 'permed-bench-scale-')),
        `projects-synthetic-${label}.csv`,
      );
      await writeSyntheticProjectsFile(file, syntheticProjects);
      const report = await importFile(db, file, { actor: 'cli:bench-scale' });
      if (report.status !== 'imported' || report.created !== syntheticProjects) {
        throw new Error(
          `${label}: the synthetic import ended ${report.status} ` +
            `with ${report.created} created of ${syntheticProjects}`,
        );
      }
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
    const written: Marker = {
      synthetic: true,
      label,
      syntheticProjects,
      seedVersion: seeds.manifest.version,
      generator: 'bench/importData.ts syntheticProjectRow',
      builtAt: new Date().toISOString(),
    };
    fs.writeFileSync(path.join(dir, 'SYNTHETIC.json'), `${JSON.stringify(written, null, 2)}\n`);
    process.stdout.write(
      `${label}: built ${dir} (${syntheticProjects} synthetic projects) ` +
        `in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
    );
  } catch (error) {
    await server.stop();
    throw error;
  } finally {
    await driver.close();
  }
  return server;
}

/** The API over a running Neo4j, response cache off, no seeding. */
export async function serve(server: EmbeddedNeo4j): Promise<RunningApp> {
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    NEO4J_URI: server.uri,
    SEED_ON_START: 'false',
    RESPONSE_CACHE: 'false',
    LOG_LEVEL: 'warn',
    QUERY_TIMEOUT_MS: '120000',
    // 50 requests per scenario and side spend an anonymous client's budget (coverageMatrix costs 3,581 points).
    RATE_LIMIT: 'false',
  });
  return startApp(config, createLogger(config.logLevel));
}
