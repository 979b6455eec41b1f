// Stops the embedded Neo4j of globalSetup and removes its data folder and the lock's folder.

import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  if (globalThis.__PERMED_GRAPH_LOCK__ !== undefined) {
    fs.rmSync(globalThis.__PERMED_GRAPH_LOCK__, { recursive: true, force: true });
    globalThis.__PERMED_GRAPH_LOCK__ = undefined;
  }
  const running = globalThis.__PERMED_NEO4J__;
  if (!running) return;
  // The data is thrown away, so a short grace period is enough before SIGKILL.
  await running.server.stop(5_000);
  fs.rmSync(running.dataDir, { recursive: true, force: true });
  globalThis.__PERMED_NEO4J__ = undefined;
}
