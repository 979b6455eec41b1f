// Renders a connector run's report as the text `npm run connect` prints: outcome, dataset and
// licence, counts per label and relationship shape, the source's tallies and lists, what vanished
// and the malformed rows (file, line, reason). Pure.

import type { ConnectorReport, ListedSection, RecordCounts } from './connectorReport';

const HEADLINES: Record<ConnectorReport['status'], string> = {
  imported: 'Imported',
  unchanged: 'Nothing to change: every record is already in the graph as this export gives it',
  rejected: 'Refused: nothing was written',
  'dry-run': 'Dry run: nothing was written; a run would do this',
};

/** Shown per listed section and for malformed rows. */
const LISTED = 10;

function counts(name: string, value: RecordCounts): string {
  return `    ${name}: created ${value.created}, updated ${value.updated}, unchanged ${value.unchanged}`;
}

function listed(name: string, section: ListedSection): string[] {
  const lines = [`  ${name} (${section.count}):`];
  for (const entry of section.kept.slice(0, LISTED)) lines.push(`    ${Object.values(entry).join(' | ')}`);
  if (section.count > LISTED) lines.push(`    ... ${section.count - LISTED} more`);
  return lines;
}

/** The text of a report (ending in a newline). */
export function formatConnectorReport(report: ConnectorReport): string {
  const lines = [
    `${HEADLINES[report.status]} — ${report.connector} ${report.input} (${report.format})`,
    `  dataset: ${report.dataset.name}${report.dataset.versionDate ? `, exported ${report.dataset.versionDate}` : ''}`,
    `  licence: ${report.dataset.licence}; ${report.dataset.attribution}`,
  ];
  if (report.refusal !== null)
    lines.push(`  why [${report.refusalCode ?? 'INPUT_REFUSED'}]: ${report.refusal}`);
  if (report.status !== 'rejected') {
    lines.push(
      `  records ${report.records}${report.duplicates > 0 ? ` (and ${report.duplicates} repeated, the first kept)` : ''}`,
    );
    for (const [label, value] of Object.entries(report.nodes)) lines.push(counts(label, value));
    for (const [shape, value] of Object.entries(report.links)) lines.push(counts(shape, value));
    for (const [section, tally] of Object.entries(report.tallies)) {
      lines.push(`  ${section}:`);
      for (const [key, value] of Object.entries(tally)) lines.push(`    ${key}: ${value}`);
    }
    for (const [section, value] of Object.entries(report.lists)) lines.push(...listed(section, value));
    for (const [label, vanished] of Object.entries(report.vanished.nodes))
      lines.push(
        `  vanished since an earlier run: ${vanished.count} ${label} (${vanished.sample.join(', ')}${vanished.count > vanished.sample.length ? ', ...' : ''})`,
      );
    for (const [shape, count] of Object.entries(report.vanished.links))
      lines.push(`  vanished since an earlier run: ${count} ${shape}`);
  }
  if (report.malformedCount > 0) {
    lines.push(`  malformed rows skipped (${report.malformedCount}):`);
    for (const row of report.malformed.slice(0, LISTED))
      lines.push(
        `    ${row.file} line ${row.line}${row.code === undefined ? '' : ` [${row.code}]`}: ${row.reason}`,
      );
    if (report.malformedCount > LISTED) lines.push(`    ... ${report.malformedCount - LISTED} more`);
  }
  if (report.status === 'imported')
    lines.push(
      `  import run ${report.runId}, data version ${report.dataVersion}, ${report.durationMs} ms (undo: npm run connect -- --rollback ${report.runId})`,
    );
  else lines.push(`  ${report.durationMs} ms`);
  return `${lines.join('\n')}\n`;
}
