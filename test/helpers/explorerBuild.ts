// Builds the explorer bundle (dist/explorer) once before the browser tests, as `npm run build` does.

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

export function buildExplorer(): void {
  execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'explorer', 'build.mjs')], { stdio: 'inherit' });
}
