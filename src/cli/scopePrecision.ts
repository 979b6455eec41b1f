// `npm run scope:precision [-- <sample.json>]`: runs the CORDIS scope rules on the judged sample of
// real project pages (seeds/curation/cordis-scope-sample.json by default) and prints precision
// and recall per rule, per scope confidence and overall, as docs/connectors.md quotes them.

import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import {
  formatScopePrecision,
  scopePrecision,
  type ScopeSampleProject,
} from '../connectors/cordis/cordisScopePrecision';
import { runCommand, UsageError } from './runCommand';

async function main(): Promise<number> {
  const file = path.resolve(
    process.argv[2] ??
      path.join(__dirname, '..', '..', '..', 'seeds', 'curation', 'cordis-scope-sample.json'),
  );
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read the sample ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  const sample = JSON.parse(text) as { projects?: ScopeSampleProject[] };
  if (!Array.isArray(sample.projects)) throw new UsageError(`${file} has no "projects" list`);
  process.stdout.write(formatScopePrecision(scopePrecision(sample.projects)));
  return 0;
}

runCommand(main);
