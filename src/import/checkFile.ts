// The check step of an import: the ids rows reference must exist in the graph, and the
// organisations they name are matched (one: that one; none: a new one; several: rejected).

import { existingIds, organisationCandidates, readerOf } from '../db/curation';
import { OrganisationIndex } from '../db/matchOrganisation';
import type { Db } from '../db/run';
import type { ImportKind } from '../model';
import type { ReferenceLabel } from '../model';
import type { ImportProgress, IssueLog } from './importReport';
import { nameKey, type OrganisationResolution } from './planImport';
import type { FileSummary, ImportSource } from './validateFile';
import { validatedRows } from './validateFile';
import type { ValidRecord } from '../model';
import { organisationReferencesOf, referencesOf } from '../model/validateRecord';

/** Ids per statement when checking references (a file may reference many thousands). */
const ID_CHUNK = 10_000;

/**
 * Pass 2: references against the graph, organisation matching. Rows with issues from pass 1
 * are checked too, on the columns that passed it, so that a report lists format and reference
 * issues in one pass (a row with a bad date and an unknown call names both); an organisations
 * row with issues is not matched (its own name or country may be what is wrong). New issues go
 * to `issues`. Returns how organisation names resolved (null when no row names an
 * organisation), which the write step follows.
 */
export async function checkFile(
  db: Db,
  source: ImportSource,
  summary: FileSummary,
  issues: IssueLog,
  progress: (progress: ImportProgress) => void,
): Promise<OrganisationResolution | null> {
  const known = await knownIds(db, summary.references);
  const organisations: OrganisationResolution | null = summary.needsOrganisations
    ? {
        index: new OrganisationIndex(await organisationCandidates(readerOf(db))),
        byName: new Map(),
        toCreate: new Map(),
      }
    : null;
  let checked = 0;
  for await (const { row, record } of validatedRows(source)) {
    checked += 1;
    const malformed = issues.rows.has(row);
    for (const reference of referencesOf(source.kind, record)) {
      if (!known.get(reference.label)?.has(reference.id)) {
        issues.add(row, reference.column, `no ${reference.label} has the id "${reference.id}"`);
      }
    }
    if (organisations !== null && !(malformed && source.kind === 'organisations'))
      checkOrganisations(source.kind, record, organisations, (column, reason) =>
        issues.add(row, column, reason),
      );
    if (checked % 1000 === 0) progress({ phase: 'check', rows: checked, totalRows: summary.rows });
  }
  return organisations;
}

/** Which of the referenced ids exist, by label. */
async function knownIds(
  db: Db,
  references: ReadonlyMap<ReferenceLabel, ReadonlySet<string>>,
): Promise<Map<ReferenceLabel, Set<string>>> {
  const reader = readerOf(db);
  const known = new Map<ReferenceLabel, Set<string>>();
  for (const [label, ids] of references) {
    const all = [...ids];
    const found = new Set<string>();
    for (let start = 0; start < all.length; start += ID_CHUNK) {
      for (const id of await existingIds(reader, label, all.slice(start, start + ID_CHUNK))) found.add(id);
    }
    known.set(label, found);
  }
  return known;
}

/** Pass 2 for organisation references: ids must exist; names match one, none (new) or several (rejected). */
export function checkOrganisations(
  kind: ImportKind,
  record: ValidRecord,
  resolution: OrganisationResolution,
  report: (column: string, reason: string) => void,
): void {
  const { index, byName, toCreate } = resolution;
  // Partner names that match nothing become organisations of their own (stubs); an
  // organisations row that matches nothing is itself the new organisation.
  const resolveName = (column: string, name: string, countryCode: string, stub: boolean): void => {
    const key = nameKey(name, countryCode);
    if (byName.has(key)) return;
    const match = index.match(name, countryCode);
    if (match.kind === 'ambiguous') {
      report(
        column,
        `"${name}" [${countryCode}] matches several organisations (${match.ids.join(', ')}); give the id instead`,
      );
    } else {
      byName.set(key, match.id);
      if (match.kind === 'new' && stub) toCreate.set(match.id, { name, countryCode });
    }
  };
  if (kind === 'organisations') {
    const name = record.name as string;
    const countryCode = record.countryCode as string;
    if (typeof record.id === 'string') {
      if (!index.hasId(record.id)) {
        const others = index.candidates(name, countryCode);
        if (others.length > 0)
          report(
            'id',
            `is new, but "${name}" [${countryCode}] is already ${others.join(', ')}; use that id, or another name`,
          );
        else index.add({ id: record.id, name, countryCode });
      }
    } else {
      resolveName('name', name, countryCode, false);
    }
    return;
  }
  for (const { column, reference } of organisationReferencesOf(record)) {
    if ('id' in reference) {
      if (!index.hasId(reference.id)) report(column, `no Organisation has the id "${reference.id}"`);
    } else {
      resolveName(column, reference.name, reference.countryCode, true);
    }
  }
}
