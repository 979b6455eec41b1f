// Reads the GraphQL contract (schema/*.graphql) that the server executes.

import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './config';

export const SCHEMA_DIR = path.join(PROJECT_ROOT, 'schema');

/** The SDL of every schema file, in file-name order (core.graphql defines the roots). */
export function loadTypeDefs(directory: string = SCHEMA_DIR): string[] {
  const files = fs
    .readdirSync(directory)
    .filter((file) => file.endsWith('.graphql'))
    .sort((a, b) => (a === 'core.graphql' ? -1 : b === 'core.graphql' ? 1 : a.localeCompare(b)));
  if (files.length === 0) throw new Error(`No .graphql files in ${directory}`);
  return files.map((file) => fs.readFileSync(path.join(directory, file), 'utf8'));
}
