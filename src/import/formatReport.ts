// Renders an import report as the text the command line prints: the outcome, the counts,
// the dry run's listing, the organisations it creates, the links the rule book derived and
// every kept issue with file, row, column and reason; and the report of `npm run derive`. Pure.

import { changeCount, RULE_BOOK_VERSION, type ChangeTally, type DerivationSummary } from '../derivation';
import type { DeriveReport } from './deriveGraph';
import type { ImportReport } from './importFile';

function tallyText({ added, changed, removed }: ChangeTally): string {
  return `added ${added}, changed ${changed}, removed ${removed}`;
}

/**
 * The lines that say what the rule book derived (or, in a dry run, would derive): totals, one
 * line per rule, the first links in full with their evidence, and the projects it placed
 * nowhere. Shared by the import report and `npm run derive`.
 */
export function formatDerivation(derived: DerivationSummary, indent = '  '): string[] {
  const lines: string[] = [];
  const { totals } = derived;
  if (derived.projects + derived.calls === 0) return lines;
  lines.push(
    `${indent}derived links (rule book ${RULE_BOOK_VERSION}, ${derived.projects} projects, ${derived.calls} calls): ${tallyText(totals)}`,
  );
  for (const [rule, tally] of Object.entries(derived.byRule).sort(([a], [b]) => (a < b ? -1 : 1)))
    lines.push(`${indent}  ${rule}: ${tallyText(tally)}`);
  for (const { change, link } of derived.samples)
    lines.push(
      `${indent}  ${change}: ${link.fromId} ${link.type} ${link.toId} (${link.rule}, ${link.confidence}: ${link.evidence})`,
    );
  const shown = derived.samples.length;
  const all = totals.added + totals.changed + totals.removed;
  if (all > shown) lines.push(`${indent}  ... ${all - shown} more derived links`);
  for (const { projectId, reason } of derived.unplaced) lines.push(`${indent}${projectId}: ${reason}`);
  if (derived.unplacedCount > derived.unplaced.length)
    lines.push(
      `${indent}... ${derived.unplacedCount - derived.unplaced.length} more projects without an inferred link`,
    );
  return lines;
}

const HEADLINES: Record<ImportReport['status'], string> = {
  imported: 'Imported',
  unchanged: 'Nothing to change: every row is already in the graph as given',
  rejected: 'Rejected: nothing was written',
  'dry-run': 'Dry run: nothing was written; an import would do this',
};

/** The summary lines of a report (ending in a newline). */
export function formatImportReport(report: ImportReport): string {
  const lines: string[] = [];
  lines.push(`${HEADLINES[report.status]} — ${report.file} (${report.kind ?? '?'}, ${report.format ?? '?'})`);
  lines.push(
    `  rows ${report.rows}: created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected}` +
      (report.organisationsCreated > 0
        ? `; organisations created for new partner names ${report.organisationsCreated}`
        : ''),
  );
  if (report.status === 'imported')
    lines.push(`  import run ${report.runId}, data version ${report.dataVersion}, ${report.durationMs} ms`);
  if (report.status === 'dry-run' || report.status === 'imported') {
    const { created, updated, unchanged } = report.samples;
    if (created.length > 0)
      lines.push(
        `  created: ${created.join(', ')}${report.created > created.length ? `, ... (${report.created} in all)` : ''}`,
      );
    for (const update of updated) lines.push(`  updated: ${update.id} (${update.fields.join(', ')})`);
    if (report.updated > updated.length) lines.push(`  ... ${report.updated - updated.length} more updated`);
    if (unchanged.length > 0 && report.status === 'dry-run') {
      lines.push(
        `  unchanged: ${unchanged.join(', ')}${report.unchanged > unchanged.length ? `, ... (${report.unchanged} in all)` : ''}`,
      );
    }
    const named = report.organisationsToCreate;
    if (named.length > 0) {
      const more = report.organisationsCreated - named.length;
      lines.push(
        `  organisations ${report.status === 'dry-run' ? 'to create' : 'created'}: ${named
          .map((organisation) => `${organisation.name} [${organisation.countryCode}] (${organisation.id})`)
          .join(', ')}${more > 0 ? `, ... (${report.organisationsCreated} in all)` : ''}`,
      );
    }
    lines.push(...formatDerivation(report.derived));
  }
  for (const issue of report.issues) lines.push(`  ${issue.message}`);
  if (report.issueCount > report.issues.length)
    lines.push(`  ... and ${report.issueCount - report.issues.length} more issues`);
  return `${lines.join('\n')}\n`;
}

const DERIVE_HEADLINES: Record<DeriveReport['status'], string> = {
  derived: 'Derived again',
  unchanged: 'Nothing to change: every inferred link is as the rule book derives it',
  'dry-run': 'Dry run: nothing was written; npm run derive would do this',
};

/**
 * The summary of `npm run derive`: the outcome, the run and its batches, the links added,
 * changed and removed per rule (formatDerivation) and per gap, stage, objective or disease area.
 */
export function formatDeriveReport(report: DeriveReport): string {
  const { derived } = report;
  const lines = [
    `${DERIVE_HEADLINES[report.status]} — rule book ${report.ruleBookVersion}, ` +
      `${derived.projects} projects and ${derived.calls} calls in ${report.batches} batches, ${report.durationMs} ms`,
  ];
  if (report.status === 'derived')
    lines.push(
      `  import run ${report.runId}: ${report.committedBatches} batches committed, ` +
        `data versions ${report.firstDataVersion} to ${report.lastDataVersion}`,
    );
  if (changeCount(derived) === 0) return `${lines.join('\n')}\n`;
  lines.push(...formatDerivation(derived));
  lines.push('  per gap, stage, objective or disease area:');
  for (const [target, tally] of Object.entries(derived.byTarget).sort(([a], [b]) => (a < b ? -1 : 1)))
    lines.push(`    ${target}: ${tallyText(tally)}`);
  return `${lines.join('\n')}\n`;
}
