// Cypher of the CORDIS classification and outputs of projects: (Project)-[:HAS_SUBJECT]->(Subject)
// with (Subject)-[:BROADER]->(Subject) up the EuroSciVoc tree, and (Project)-[:HAS_OUTPUT]->(Output).
// Reads for many projects are one statement (UNWIND $ids); the project list's subject filter reads
// the tree (src/db/projects.ts).

import type { OutputProperties, SubjectProperties } from '../model';
import { cypherInt, type Db } from './run';

/** A Subject node as read. */
export type SubjectModel = SubjectProperties;

/** An Output node as read. */
export type OutputModel = OutputProperties & { sources: string[] };

/**
 * A project is tagged with one of `$subjects` or a narrower subject. `$subjects` holds the forms
 * subjectFilterValues makes (a code /21/33, a lower-case path). Narrower is read from the tagged
 * subject's own code and path, which run from the top down (/21/33/5029300 is under /21/33), not
 * from BROADER: a row whose path has more levels than its code gets no broader subjects
 * (mapCordis.ts) and is still found.
 */
export const TAGGED_WITH_SUBJECTS = `EXISTS { MATCH (n)-[:HAS_SUBJECT]->(s:Subject)
      WHERE any(wanted IN $subjects WHERE s.code = wanted OR s.code STARTS WITH wanted + '/'
        OR toLower(s.path) = wanted OR toLower(s.path) STARTS WITH wanted + '/') }`;

/**
 * The values `$subjects` holds for the filter values a caller gave: a code with or without its
 * leading slash (21/33/5029300) as /21/33/5029300; a label path without its leading or trailing
 * slash, in lower case, with its segments' spaces as given. Pure; the caller checks lengths.
 */
export function subjectFilterValues(values: readonly string[]): string[] {
  const forms = values.map((value) => value.trim().replace(/^\/+|\/+$/g, ''));
  return [
    ...new Set(
      forms.map((form) =>
        /^\d+(?:\/\d+)*$/.test(form) ? `/${form}` : form.replace(/\s*\/\s*/g, '/').toLowerCase(),
      ),
    ),
  ];
}

/**
 * Most subjects listed per project: CORDIS tags a project with a handful (the synthetic
 * fixtures 1 to 2); the bound is what the cost model prices Project.subjects at.
 */
export const MAX_SUBJECTS_PER_PROJECT = 50;

/** The subjects of many projects in one statement, by code, at most MAX_SUBJECTS_PER_PROJECT each. */
export const SUBJECTS_BY_PROJECT_ID = `UNWIND $ids AS projectId
CALL (projectId) {
  MATCH (:Project {id: projectId})-[:HAS_SUBJECT]->(s:Subject)
  WITH s ORDER BY s.code
  LIMIT ${MAX_SUBJECTS_PER_PROJECT}
  RETURN collect(s {.id, .scheme, .code, .path, .label, .level}) AS subjects
}
RETURN projectId, subjects`;

/** The subjects of each project id, by code, in the order of `ids` (a batch function). */
export async function subjectsByProjectId(db: Db, ids: readonly string[]): Promise<SubjectModel[][]> {
  const rows = await db.read<{ projectId: string; subjects: SubjectModel[] }>(SUBJECTS_BY_PROJECT_ID, {
    ids,
  });
  const byProject = new Map(rows.map((row) => [row.projectId, row.subjects]));
  return ids.map((id) => byProject.get(id) ?? []);
}

/**
 * The outputs of many projects in one statement: newest first (outputs without a year last),
 * then by title and id, at most `$limit` each.
 */
export const OUTPUTS_BY_PROJECT_ID = `UNWIND $ids AS projectId
CALL (projectId) {
  MATCH (:Project {id: projectId})-[:HAS_OUTPUT]->(o:Output)
  WITH o ORDER BY o.year IS NULL, o.year DESC, toLower(o.title), o.id
  LIMIT $limit
  RETURN collect(o {.id, .kind, .doi, .title, .journal, .year, .sources}) AS outputs
}
RETURN projectId, outputs`;

/** The outputs of each project id, at most `limit` each (a batch function: same length and order). */
export async function outputsByProjectId(
  db: Db,
  ids: readonly string[],
  limit: number,
): Promise<OutputModel[][]> {
  if (!Number.isInteger(limit) || limit < 0)
    throw new TypeError(`outputsByProjectId expects a whole limit from 0, received ${String(limit)}`);
  const rows = await db.read<{ projectId: string; outputs: OutputModel[] }>(OUTPUTS_BY_PROJECT_ID, {
    ids,
    limit: cypherInt(limit),
  });
  const byProject = new Map(rows.map((row) => [row.projectId, row.outputs]));
  return ids.map((id) => byProject.get(id) ?? []);
}

/** How many outputs each project has, in one statement. */
export const OUTPUT_COUNTS_BY_PROJECT_ID = `UNWIND $ids AS projectId
OPTIONAL MATCH (p:Project {id: projectId})
RETURN projectId, CASE WHEN p IS NULL THEN 0 ELSE COUNT { (p)-[:HAS_OUTPUT]->(:Output) } END AS count`;

/** The number of outputs of each project id (0 for none or no project). */
export async function outputCountsByProjectId(db: Db, ids: readonly string[]): Promise<number[]> {
  const rows = await db.read<{ projectId: string; count: number }>(OUTPUT_COUNTS_BY_PROJECT_ID, { ids });
  const byProject = new Map(rows.map((row) => [row.projectId, row.count]));
  return ids.map((id) => byProject.get(id) ?? 0);
}
