// The three servers bench:peer compares, started side by side on one embedded Neo4j seeded with
// the real dataset: our app (response cache off), a second instance of it with the cache on,
// and @neo4j/graphql behind the same Express 5 + Apollo 5 stack and plugins.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { Neo4jGraphQL } from '@neo4j/graphql';
import express from 'express';
import type { Driver } from 'neo4j-driver';
import { createDriver } from '../src/db/driver';
import { noStorePlugin } from '../src/http/app';
import type { RunningApp } from '../src/main';
import { startBenchApp } from './benchApp';
import { PEER_TYPE_DEFS } from './peerScenarios';

/** The servers measured, in the order of a round's first rotation. */
export const SIDES = ['ours', 'oursCached', 'theirs'] as const;
export type Side = (typeof SIDES)[number];
export const SIDE_LABEL: Record<Side, string> = {
  ours: 'ours',
  oursCached: 'ours cache on',
  theirs: 'theirs',
};

export interface PeerServers {
  /** The GraphQL endpoint of each side. */
  urls: Record<Side, string>;
  /** Our two apps, cache off and on (their `db` can be observed to count statements). */
  apps: { ours: RunningApp; oursCached: RunningApp };
  /** The embedded Neo4j's Bolt address, for tools that run statements of their own. */
  boltUri: string;
  /** Stops the three servers, the embedded Neo4j, and removes its data folder. */
  stop(): Promise<void>;
}

/**
 * @neo4j/graphql over its own driver (createDriver: TCP_NODELAY too), with our Apollo plugins;
 * bench:scale serves it over its 100,000-project database too.
 */
export async function startTheirs(driver: Driver): Promise<{ url: string; stop(): Promise<void> }> {
  const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({
    schema,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      // Reads nothing of our context; only sets the response header.
      noStorePlugin() as unknown as ApolloServerPlugin,
    ],
  });
  await apollo.start();
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async () => ({}) }),
  );
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve()));
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      await apollo.stop();
      await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}

/** Starts the three servers; on failure stops what was started. */
export async function startPeerServers(): Promise<PeerServers> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-graph-peer-'));
  const stops: Array<() => Promise<void>> = [
    async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  ];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step();
  };
  try {
    process.stdout.write('Starting our app on a fresh embedded Neo4j (seeding the real dataset)...\n');
    // The deep scenario asks for every call and project of ten funders with the default page
    // sizes, which the anonymous cost limit prices at 91 million points and refuses; the peer
    // has no limit, so ours runs with the highest one (pricing still runs on every request).
    const budgets = { QUERY_MAX_COST: '100000000', RATE_LIMIT_POINTS: '1000000000' };
    const started = await startBenchApp(dataDir, budgets);
    const ours = started.app;
    stops.push(() => ours.stop());
    // The same app with its response cache on, a client of the same Neo4j (seeded already).
    const cached = (
      await startBenchApp(dataDir, { ...budgets, NEO4J_URI: started.boltUri, RESPONSE_CACHE: 'true' })
    ).app;
    stops.push(() => cached.stop());
    const driver = createDriver({ uri: started.boltUri });
    stops.push(() => driver.close());
    const theirs = await startTheirs(driver);
    stops.push(() => theirs.stop());
    return {
      urls: { ours: ours.url, oursCached: cached.url, theirs: theirs.url },
      apps: { ours, oursCached: cached },
      boltUri: started.boltUri,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
