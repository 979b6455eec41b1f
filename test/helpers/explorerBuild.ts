// Builds the explorer bundle (dist/explorer) as `npm run build` does: once in globalSetup for an
// integration run, while Neo4j starts, so that no file rebuilds it while another serves it.

import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/config';

/** Set by globalSetup once the bundle of this run is built; test files then skip their build. */
export const EXPLORER_BUILT_ENV = 'PERMED_TEST_EXPLORER_BUILT';

const BUILD_ARGS = [path.join(PROJECT_ROOT, 'explorer', 'build.mjs')];

/** Builds the bundle unless this run's globalSetup has (a rebuild rewrites files being served). */
export function buildExplorer(): void {
  if (process.env[EXPLORER_BUILT_ENV] === '1') return;
  execFileSync(process.execPath, BUILD_ARGS, { stdio: 'inherit' });
}

/** Builds the bundle in a child process without blocking (globalSetup runs it beside Neo4j's start). */
export async function buildExplorerInBackground(): Promise<void> {
  const { stderr } = await promisify(execFile)(process.execPath, BUILD_ARGS);
  if (stderr) process.stderr.write(stderr);
}
