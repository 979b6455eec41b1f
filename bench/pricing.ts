// `npm run bench:pricing`: the query corpus of issue 19 against one server with the default
// limits and the graph statistics of the prewarm. Per realistic query: the price without the
// statistics (caps only), extensions.cost.requested and .actual and their ratio; the huge
// shapes' refusals; and what pricing costs against the nested page's p50, side by side in one
// run. Writes its section of docs/benchmarks.md.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { DEFAULT_PROTECTION, parseConfig } from '../src/config';
import { freePort } from '../src/db/embedded';
import { createHttpApp, GRAPHQL_PATH, type HttpApp } from '../src/http/app';
import { createLogger, silentLogger } from '../src/logger';
import { type RunningApp, startApp } from '../src/main';
import { microsPer, percentile, runLoad, summariseLoad } from './load';
import { integerOption } from './options';
import { type PricedQuery, type RefusedQuery, renderPricingSection } from './pricingReport';
import { corpusQueries, type CorpusQuery, corpusPrice, parseCorpusQuery } from './queryCorpus';
import { SCENARIOS } from './scenarios';
import { writeBenchmarksSection } from './benchmarksDoc';

const SECTION_START =
  '<!-- bench:pricing:start (written by npm run bench:pricing; edits inside are overwritten) -->';
const SECTION_END = '<!-- bench:pricing:end -->';

interface Sent {
  status: number;
  text: string;
  ms: number;
  body: {
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
    extensions?: { cost?: { requested: number; actual?: number } };
  };
}

async function send(url: string, query: CorpusQuery): Promise<Sent> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: query.query, variables: query.variables }),
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    ms: performance.now() - started,
    body: JSON.parse(text) as Sent['body'],
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '8' },
      iterations: { type: 'string', default: '20000' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const rounds = integerOption('rounds', values.rounds, 1, 100);
  const seconds = integerOption('seconds', values.seconds, 1, 600);
  const iterations = integerOption('iterations', values.iterations, 100, 10_000_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-graph-bench-pricing-'));
  let running: RunningApp | null = null;
  let app: HttpApp | null = null;
  let loadApp: HttpApp | null = null;
  try {
    process.stdout.write('Starting an embedded Neo4j with the seeds...\n');
    const config = parseConfig({
      PORT: '0',
      NEO4J_DATA_DIR: dataDir,
      NEO4J_EMBEDDED_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      QUERY_TIMEOUT_MS: '120000',
      // The measured server below runs its own prewarm.
      ANALYTICS_PREWARM: 'false',
      JAVA_HOME: process.env.JAVA_HOME,
    });
    running = await startApp(config, createLogger(config.logLevel));
    app = await createHttpApp({
      db: running.db,
      limits: { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize },
      logger: silentLogger,
      introspection: false,
      protection: DEFAULT_PROTECTION,
      prewarmAnalytics: true,
    });
    await app.analyticsPrewarm!.ready();
    const statistics = app.protection!.statistics;
    if (!statistics) throw new Error('the prewarm gave no graph statistics');
    await new Promise<void>((resolve) => app!.httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}${GRAPHQL_PATH}`;
    const limit = DEFAULT_PROTECTION.limits.maxCost.anonymous;

    const realistic: PricedQuery[] = [];
    for (const query of corpusQueries('realistic')) {
      await send(url, query);
      const answers: Sent[] = [];
      for (let round = 0; round < rounds; round++) answers.push(await send(url, query));
      const last = answers.at(-1)!;
      if (last.status !== 200 || last.body.errors)
        throw new Error(`${query.name} was not answered: ${last.text.slice(0, 300)}`);
      const cost = last.body.extensions!.cost!;
      const times = answers.map((answer) => answer.ms).sort((a, b) => a - b);
      realistic.push({
        name: query.name,
        question: query.question,
        capsPrice: corpusPrice(parseCorpusQuery(query), null, config.defaultPageSize),
        requested: cost.requested,
        actual: cost.actual ?? 0,
        ms: percentile(times, 50),
        bytes: Buffer.byteLength(last.text),
      });
      process.stdout.write(`${query.name}: requested ${cost.requested}, actual ${cost.actual}\n`);
    }
    const huge: RefusedQuery[] = [];
    for (const query of corpusQueries('huge')) {
      const answer = await send(url, query);
      huge.push({
        name: query.name,
        question: query.question,
        capsPrice: corpusPrice(parseCorpusQuery(query), null, config.defaultPageSize),
        requested:
          answer.body.extensions?.cost?.requested ??
          corpusPrice(parseCorpusQuery(query), statistics, config.defaultPageSize),
        status: answer.status,
        code: answer.body.errors?.[0]?.extensions?.code ?? null,
      });
    }

    // What pricing costs: the nested page priced in-process, against its p50 over HTTP on a
    // server priced alike whose budgets are too large to refuse the load (4 connections).
    loadApp = await createHttpApp({
      db: running.db,
      limits: { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize },
      logger: silentLogger,
      introspection: false,
      protection: {
        ...DEFAULT_PROTECTION,
        rateLimit: {
          ...DEFAULT_PROTECTION.rateLimit,
          points: { anonymous: 1e9, reader: 1e9, curator: 1e9, admin: 1e9 },
        },
      },
    });
    loadApp.protection!.useStatistics(statistics);
    await new Promise<void>((resolve) => loadApp!.httpServer.listen(0, '127.0.0.1', resolve));
    const loadUrl = `http://127.0.0.1:${(loadApp.httpServer.address() as AddressInfo).port}${GRAPHQL_PATH}`;
    const nested = SCENARIOS.find((scenario) => scenario.name === 'nested page')!;
    const nestedQuery: CorpusQuery = { name: 'nested', question: '', ...nested.graphql };
    // Parsed once, as Apollo parses a document once and the plugin prices the parsed operation.
    const nestedParsed = parseCorpusQuery(nestedQuery);
    const pricingMicros = {
      withStatistics: microsPer(iterations, () =>
        corpusPrice(nestedParsed, statistics, config.defaultPageSize),
      ),
      capsOnly: microsPer(iterations, () => corpusPrice(nestedParsed, null, config.defaultPageSize)),
    };
    for (let i = 0; i < 20; i++) await send(loadUrl, nestedQuery);
    const load = await runLoad({
      workers: 4,
      durationMs: seconds * 1000,
      request: async () => {
        const answer = await send(loadUrl, nestedQuery);
        if (answer.status !== 200 || answer.body.errors) throw new Error(answer.text.slice(0, 200));
      },
    });
    const nestedPage = summariseLoad(load.latenciesMs, load.elapsedMs, load.errors);

    const section = renderPricingSection(
      {
        date: new Date().toISOString(),
        machine: `${os.cpus()[0]?.model.trim() ?? 'unknown'} (nproc ${os.availableParallelism()}), Node ${process.version}`,
        loadAverage: os.loadavg()[0] ?? 0,
        limit,
        rounds,
        realistic,
        huge,
        pricingMicros,
        nestedPageP50Ms: nestedPage.p50Ms,
      },
      SECTION_START,
      SECTION_END,
    );
    process.stdout.write(`\n${section}\n`);
    if (!values['no-write']) {
      writeBenchmarksSection(section, { start: SECTION_START, end: SECTION_END });
      process.stdout.write('Wrote docs/benchmarks.md\n');
    }
  } finally {
    await app?.analyticsPrewarm?.stop();
    await app?.apollo.stop();
    await loadApp?.apollo.stop();
    await running?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nBenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
