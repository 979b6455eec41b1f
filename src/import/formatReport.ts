// Renders an import report as the text the command line prints: the outcome, the counts,
// the dry run's listing and every kept issue with file, row, column and reason. Pure.

import type { ImportReport } from './importFile';

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
  }
  for (const issue of report.issues) lines.push(`  ${issue.message}`);
  if (report.issueCount > report.issues.length)
    lines.push(`  ... and ${report.issueCount - report.issues.length} more issues`);
  return `${lines.join('\n')}\n`;
}
