// The heat map's download: the coverage matrix exactly as the gap view draws it (the same
// GraphQL answer, the same rows, stages and counts for the chosen links), one CSV row per gap
// or objective and one column per value-chain stage, so what is saved is what is on screen.

/** The parts of a coverage matrix the heat map draws. */
export interface DrawnMatrix {
  columns: { stageId: string; label: string }[];
  rows: { id: string; label: string; cells: { stageId: string; projectLevel: { projectCount: number } }[] }[];
}

/**
 * The matrix as CSV records: a header (id, the row kind, one column per stage label) and,
 * per row, its id, its label and each stage's project count in the order of the columns. A
 * stage the row has no cell for is left empty rather than counted as 0.
 */
export function matrixRecords(matrix: DrawnMatrix, rowKind: 'GAP' | 'OBJECTIVE'): string[][] {
  const header = ['id', rowKind === 'GAP' ? 'knowledge gap' : 'objective'];
  for (const column of matrix.columns) header.push(column.label);
  const records = [header];
  for (const row of matrix.rows) {
    const counts = new Map(row.cells.map((cell) => [cell.stageId, cell.projectLevel.projectCount]));
    const record = [row.id, row.label];
    for (const column of matrix.columns) {
      const count = counts.get(column.stageId);
      record.push(count === undefined ? '' : String(count));
    }
    records.push(record);
  }
  return records;
}

/**
 * The file name of a download: what the rows are, which links were counted and, when one was
 * chosen, the dataset the projects and calls came from (e.g. ...-cordis-horizon-europe.csv).
 */
export function matrixFileName(rowKind: 'GAP' | 'OBJECTIVE', provenance: string, dataset = ''): string {
  const rows = rowKind === 'GAP' ? 'gaps' : 'objectives';
  const links = provenance ? provenance.toLowerCase() : 'curated-and-inferred';
  const from = dataset ? `-${dataset.toLowerCase().replace(/_/g, '-')}` : '';
  return `coverage-${rows}-by-stage-${links}${from}.csv`;
}
