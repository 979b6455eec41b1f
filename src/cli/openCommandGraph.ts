// Opens the graph for a one-shot command (seed, import, keys) the way the server does at
// start-up: Neo4j up, schema applied, and import runs left RUNNING by a crash undone first.

import os from 'node:os';
import type { Config } from '../config';
import { openGraph, type OpenGraph } from '../db/connect';
import { recoverInterruptedImports } from '../import/recoverImports';
import { createLogger } from '../logger';

/** The audit actor of command-line work: cli:<user>. */
export function commandActor(): string {
  return `cli:${os.userInfo().username}`;
}

/**
 * Opens the graph (no restart if Neo4j dies: the command fails fast) and undoes crashed
 * imports, logging each as a JSON line on stderr. Close the result when done.
 */
export async function openCommandGraph(config: Config, queryTimeoutMs: number): Promise<OpenGraph> {
  const logger = createLogger('warn');
  const graph = await openGraph(config, logger, { queryTimeoutMs });
  try {
    const exclusive = config.neo4j.mode === 'embedded';
    await recoverInterruptedImports(graph.db, { exclusive, actor: commandActor(), logger });
    return graph;
  } catch (error) {
    await graph.close();
    throw error;
  }
}
