// The gap view: the coverage matrix as a heat map (gaps or objectives × value-chain stages),
// curated and inferred counts apart, white spots marked, thin cells flagged; a click on a
// cell lists its projects with the evidence for their links.

import { stringify } from 'csv-stringify/browser/esm/sync';
import { graphql, inputFieldNames, playgroundUrl } from './api';
import { h, select } from './dom';
import { chosenDataset, datasetSelect, loadCatalogue } from './filters';
import { matrixFileName, matrixRecords } from './matrixCsv';
import { rampColour, textOn } from './palette';
import { recordHash } from './state';
import type { ViewContext } from './view';

/** Cells with fewer projects than this are flagged as thin evidence (as the API's lowSupport). */
export const LOW_SUPPORT_PROJECTS = 5;

interface Tally {
  projectCount: number;
  curatedProjectCount: number;
  inferredProjectCount: number;
  projectIds: string[];
}

interface Matrix {
  columns: { stageId: string; label: string }[];
  rows: { id: string; label: string; cells: (Tally & { stageId: string; mapped: boolean })[] }[];
  projectLevel: { projectCount: number };
}

const MATRIX_QUERY = `query ExplorerCoverage($rows: MatrixRowKind, $filter: CoverageFilter) {
  matrix: coverageMatrix(rows: $rows, filter: $filter) {
    projectLevel { projectCount }
    columns { stageId label }
    rows {
      id label
      cells {
        stageId mapped
        projectLevel: projectLevel { projectCount curatedProjectCount inferredProjectCount projectIds }
      }
    }
  }
}`;

interface RawMatrix {
  projectLevel: { projectCount: number };
  columns: Matrix['columns'];
  rows: { id: string; label: string; cells: { stageId: string; mapped: boolean; projectLevel: Tally }[] }[];
}

/** Renders the gap view into `ctx.main`. */
export async function renderGapView(ctx: ViewContext): Promise<void> {
  const { params } = ctx.route;
  const rows = params.get('rows') === 'OBJECTIVE' ? 'OBJECTIVE' : 'GAP';
  const provenance =
    params.get('provenance') === 'CURATED' || params.get('provenance') === 'INFERRED'
      ? params.get('provenance')!
      : '';
  const [coverageFields, catalogue] = await Promise.all([inputFieldNames('CoverageFilter'), loadCatalogue()]);
  const offers = (field: string) => coverageFields.size === 0 || coverageFields.has(field);
  const dataset = offers('datasets') ? chosenDataset(catalogue.datasets, params) : '';
  const filter: Record<string, unknown> = {};
  if (provenance && offers('provenance')) filter['provenance'] = provenance;
  if (dataset) filter['datasets'] = [dataset];
  const variables: Record<string, unknown> = { rows };
  if (Object.keys(filter).length > 0) variables['filter'] = filter;

  const controls = h(
    'fieldset',
    { class: 'filters' },
    h('legend', {}, 'Coverage'),
    select(
      'Rows',
      'rows',
      [
        ['GAP', 'knowledge gaps'],
        ['OBJECTIVE', 'objectives'],
      ],
      rows,
      (v) => ctx.set({ rows: v }),
    ),
    select(
      'Links',
      'provenance',
      [
        ['', 'curated and inferred'],
        ['CURATED', 'curated only'],
        ['INFERRED', 'inferred only'],
      ],
      provenance,
      (v) => ctx.set({ provenance: v }),
    ),
    offers('datasets') ? datasetSelect(catalogue.datasets, dataset, (v) => ctx.set({ dataset: v })) : null,
  );
  const status = h('p', { class: 'status', role: 'status' }, 'Loading the coverage matrix…');
  const panel = h(
    'aside',
    { class: 'panel', id: 'side-panel', 'aria-live': 'polite' },
    h('p', {}, 'Choose a cell to list its projects and the evidence.'),
  );
  const tableHolder = h('div', { class: 'matrix-holder' });
  ctx.main.append(controls, status, h('div', { class: 'split' }, tableHolder, panel));

  const data = await graphql<{ matrix: RawMatrix }>(MATRIX_QUERY, variables);
  const matrix = data.matrix;
  const max = Math.max(
    1,
    ...matrix.rows.flatMap((row) => row.cells.map((cell) => cell.projectLevel.projectCount)),
  );
  let whiteSpots = 0;
  let cells = 0;
  const table = h(
    'table',
    { class: 'matrix', id: 'coverage-matrix' },
    h(
      'caption',
      {},
      `Projects per ${rows === 'GAP' ? 'knowledge gap' : 'objective'} and value-chain stage (c = curated, i = inferred; ○ white spot: the gap lies at the stage but no project is there; ! fewer than ${LOW_SUPPORT_PROJECTS} projects)`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, rows === 'GAP' ? 'Gap' : 'Objective'),
        matrix.columns.map((column) => h('th', { scope: 'col' }, column.label)),
      ),
    ),
    h(
      'tbody',
      {},
      matrix.rows.map((row) =>
        h(
          'tr',
          {},
          h(
            'th',
            { scope: 'row' },
            rows === 'GAP' ? h('a', { href: recordHash('knowledge_gap', row.id) }, row.label) : row.label,
          ),
          row.cells.map((cell) => {
            cells += 1;
            const tally = cell.projectLevel;
            const white = cell.mapped && tally.projectCount === 0;
            if (white) whiteSpots += 1;
            const background =
              tally.projectCount === 0 ? '#ffffff' : rampColour(0.15 + 0.85 * (tally.projectCount / max));
            const label = `${row.label} at ${matrix.columns.find((c) => c.stageId === cell.stageId)?.label ?? cell.stageId}: ${tally.projectCount} projects, ${tally.curatedProjectCount} curated, ${tally.inferredProjectCount} inferred${white ? ', white spot' : ''}`;
            return h(
              'td',
              {
                class: `cell${white ? ' white-spot' : ''}${cell.mapped ? ' mapped' : ''}`,
                style: `background:${background};color:${textOn(background)}`,
                'data-count': tally.projectCount,
                'data-row': row.id,
                'data-stage': cell.stageId,
              },
              h(
                'button',
                {
                  type: 'button',
                  'aria-label': label,
                  title: label,
                  onclick: () => void showCell(panel, row.label, tally.projectIds),
                },
                white ? '○' : String(tally.projectCount),
                tally.projectCount > 0
                  ? h('small', {}, ` c${tally.curatedProjectCount} i${tally.inferredProjectCount}`)
                  : null,
                tally.projectCount > 0 && tally.projectCount < LOW_SUPPORT_PROJECTS
                  ? h('sup', { class: 'low' }, '!')
                  : null,
              ),
            );
          }),
        ),
      ),
    ),
  );
  tableHolder.replaceChildren(table);
  status.replaceChildren(`${matrix.projectLevel.projectCount} projects placed; ${whiteSpots} white spots.`);
  // The download is the matrix on screen, written from the answer just drawn (the server's
  // /export files are networks and entity tables; none of them is this matrix).
  const csv = stringify(matrixRecords(matrix, rows), { record_delimiter: 'windows' });
  const download = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  ctx.onLeave(() => URL.revokeObjectURL(download));
  ctx.setActions({
    download,
    downloadLabel: 'matrix CSV',
    downloadName: matrixFileName(rows, provenance, dataset),
    query: playgroundUrl(MATRIX_QUERY, variables),
  });
  ctx.ready({ rows: matrix.rows.length, columns: matrix.columns.length, cells, whiteSpots });
}

async function showCell(panel: HTMLElement, rowLabel: string, projectIds: string[]): Promise<void> {
  panel.replaceChildren(h('h2', {}, rowLabel), h('p', {}, `${projectIds.length} project(s)`));
  if (projectIds.length === 0) return;
  const data = await graphql<{
    projects: {
      nodes: {
        id: string;
        acronym: string;
        title: string | null;
        gaps: {
          gap: { shortName: string };
          derivation: { provenance: string; rule: string; confidence: number; evidence: string };
        }[];
      }[];
    };
  }>(
    `
      query ExplorerCellProjects($ids: [ID!]) {
        projects(filter: { ids: $ids }, first: 100) {
          nodes {
            id
            acronym
            title
            gaps {
              gap {
                shortName
              }
              derivation {
                provenance
                rule
                confidence
                evidence
              }
            }
          }
        }
      }
    `,
    { ids: projectIds },
  );
  panel.append(
    h(
      'ul',
      { class: 'cell-projects' },
      data.projects.nodes.map((project) =>
        h(
          'li',
          {},
          h('a', { href: recordHash('project', project.id) }, project.acronym),
          project.title ? ` ${project.title}` : '',
          h(
            'ul',
            { class: 'derived' },
            project.gaps.map((link) =>
              h(
                'li',
                {},
                `${link.gap.shortName}: ${link.derivation.provenance.toLowerCase()} (${link.derivation.rule}, ${link.derivation.confidence}) ${link.derivation.evidence}`,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
