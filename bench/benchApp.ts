// Starts the whole application for a benchmark: a fresh embedded Neo4j in its own data folder,
// seeded with the real dataset at start-up, served on a free port of 127.0.0.1.

import { parseConfig } from '../src/config';
import { freePort } from '../src/db/embedded';
import { createLogger } from '../src/logger';
import { type RunningApp, startApp } from '../src/main';

/**
 * A fresh data folder and free ports: the app seeds the real dataset at start-up. Benches
 * measure the read path, so by default the response cache is off (every request executes)
 * and so are the per-client budgets (one load generator would spend an anonymous budget in
 * seconds and get 429s); `env` overrides any variable, e.g. RESPONSE_CACHE: 'true'.
 */
export async function startBenchApp(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ app: RunningApp; boltUri: string }> {
  const boltPort = await freePort();
  const config = parseConfig({
    RESPONSE_CACHE: 'false',
    RATE_LIMIT: 'false',
    PORT: '0',
    HOST: '127.0.0.1',
    NEO4J_DATA_DIR: dataDir,
    NEO4J_EMBEDDED_PORT: String(boltPort),
    LOG_LEVEL: 'warn',
    // Seeding is one transaction under this timeout; on a busy machine it can exceed the
    // default 15 s. No measured query comes near it.
    QUERY_TIMEOUT_MS: '120000',
    JAVA_HOME: process.env.JAVA_HOME,
    ...env,
  });
  const app = await startApp(config, createLogger(config.logLevel));
  return { app, boltUri: `bolt://127.0.0.1:${boltPort}` };
}
