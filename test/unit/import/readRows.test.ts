// Reading import files: CSV with its header and line numbers, JSON Lines, JSON documents,
// the kind from the name or the document, and the templates in docs/import-templates.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fieldsOf, IMPORT_KINDS } from '../../../src/model';
import { emptyDerivationSummary } from '../../../src/derivation';
import { formatImportReport } from '../../../src/import/formatReport';
import type { ImportReport } from '../../../src/import/importFile';
import { formatOf, ImportFileError, kindOf, readRows } from '../../../src/import/readRows';
import { validateRecord } from '../../../src/model/validateRecord';
import { replaceImportSection, syntheticProjectRow, SYNTHETIC_COLUMNS } from '../../../bench/importData';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-read-rows-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const target = path.join(dir, name);
  fs.writeFileSync(target, content);
  return target;
}

async function collect(target: string, onHeader?: (columns: string[]) => void) {
  const rows = [];
  for await (const row of readRows(target, formatOf(target), { onHeader })) rows.push(row);
  return rows;
}

describe('readRows', () => {
  it('yields CSV records with their line numbers, quoted cells intact, after a byte-order mark', async () => {
    const rows = await collect(
      file('projects-a.csv', '\uFEFFid,title\np-1,"A, b"\n\np-2,"multi\nline"\np-3,x\n'),
    );
    expect(rows).toEqual([
      { row: 2, values: { id: 'p-1', title: 'A, b' } },
      { row: 5, values: { id: 'p-2', title: 'multi\nline' } },
      { row: 6, values: { id: 'p-3', title: 'x' } },
    ]);
  });

  it('refuses a header with a repeated column and a row with too many cells', async () => {
    await expect(collect(file('projects-b.csv', 'id,id\n1,2\n'))).rejects.toThrow(/names column "id" twice/);
    await expect(collect(file('projects-c.csv', 'id,title\n1,2,3\n'))).rejects.toThrow(ImportFileError);
  });

  it('passes the header to onHeader, which may refuse the file', async () => {
    const refuse = () => {
      throw new ImportFileError('f', 'bad header');
    };
    await expect(collect(file('projects-d.csv', 'id\n1\n'), refuse)).rejects.toThrow('bad header');
  });

  it('reads JSON Lines by line and JSON documents by record number', async () => {
    expect(await collect(file('projects-e.jsonl', '{"id":"a"}\n\n{"id":"b"}\n'))).toEqual([
      { row: 1, values: { id: 'a' } },
      { row: 3, values: { id: 'b' } },
    ]);
    expect(
      await collect(file('projects-f.json', '{"kind":"projects","records":[{"id":"a"},{"id":"b"}]}')),
    ).toEqual([
      { row: 1, values: { id: 'a' } },
      { row: 2, values: { id: 'b' } },
    ]);
    await expect(collect(file('projects-g.jsonl', '{"id":"a"}\nnot json\n'))).rejects.toThrow(
      /line 2 is not JSON/,
    );
  });

  it('tells the format by extension and the kind by name, document or flag', async () => {
    expect(() => formatOf('x.xlsx')).toThrow(/unknown file type/);
    expect(await kindOf(file('funders-2024.csv', 'id\n'), null)).toBe('funders');
    expect(await kindOf(file('export.json', '{"kind":"calls","records":[]}'), null)).toBe('calls');
    expect(await kindOf(file('export.csv', 'id\n'), 'links')).toBe('links');
    await expect(kindOf(file('export2.csv', 'id\n'), null)).rejects.toThrow(
      /cannot tell what the file holds/,
    );
    await expect(kindOf(file('export3.json', '{"kind":"calls","records":[]}'), 'projects')).rejects.toThrow(
      /says it holds calls, but --kind is projects/,
    );
    await expect(kindOf(file('export4.json', '{"kind":"grants","records":[]}'), null)).rejects.toThrow(
      /"kind" is "grants"/,
    );
  });
});

describe('docs/import-templates', () => {
  const templates = path.join(__dirname, '..', '..', '..', 'docs', 'import-templates');

  it.each(IMPORT_KINDS)('the %s template has exactly the columns of its kind', (kind) => {
    const header = fs
      .readFileSync(path.join(templates, `${kind}.csv`), 'utf8')
      .trim()
      .split(',');
    expect(header).toEqual(fieldsOf(kind).map((field) => field.name));
  });

  it('the real examples are valid rows', async () => {
    for (const [name, kind] of [
      ['projects-example-permanens.csv', 'projects'],
      ['projects-example-permanens.json', 'projects'],
      ['links-example-permanens.csv', 'links'],
    ] as const) {
      for await (const row of readRows(path.join(templates, name), formatOf(name))) {
        expect(validateRecord(kind, row.values, 'row').issues).toEqual([]);
      }
    }
  });
});

describe('formatImportReport', () => {
  const base: ImportReport = {
    file: 'projects.csv',
    kind: 'projects',
    format: 'csv',
    status: 'rejected',
    dryRun: false,
    runId: 'r',
    rows: 3,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 1,
    organisationsCreated: 0,
    organisationsToCreate: [],
    derived: emptyDerivationSummary(),
    issueCount: 2,
    dataVersion: null,
    durationMs: 5,
    issues: [
      {
        file: 'projects.csv',
        row: 3,
        column: 'startDate',
        reason: 'expected a date',
        message: 'projects.csv row 3, column "startDate": expected a date',
      },
    ],
    samples: { created: [], updated: [], unchanged: [] },
  };

  it('says nothing was written and lists the issues of a rejected file', () => {
    expect(formatImportReport(base)).toBe(
      [
        'Rejected: nothing was written — projects.csv (projects, csv)',
        '  rows 3: created 0, updated 0, unchanged 0, rejected 1',
        '  projects.csv row 3, column "startDate": expected a date',
        '  ... and 1 more issues',
        '',
      ].join('\n'),
    );
  });

  it("lists a dry run's planned changes", () => {
    const text = formatImportReport({
      ...base,
      status: 'dry-run',
      rejected: 0,
      issues: [],
      issueCount: 0,
      created: 1,
      updated: 1,
      unchanged: 1,
      samples: { created: ['p-1'], updated: [{ id: 'p-2', fields: ['title'] }], unchanged: ['p-3'] },
    });
    expect(text).toContain('Dry run: nothing was written');
    expect(text).toContain('created: p-1');
    expect(text).toContain('updated: p-2 (title)');
    expect(text).toContain('unchanged: p-3');
  });
});

describe('bench import data', () => {
  it('makes valid, deterministic synthetic rows', () => {
    const row = syntheticProjectRow(41, 100);
    expect(row).toEqual(syntheticProjectRow(41, 100));
    const values = Object.fromEntries(SYNTHETIC_COLUMNS.map((column, index) => [column, row[index]]));
    expect(validateRecord('projects', values, 'row').issues).toEqual([]);
  });

  it('replaces only its own section of docs/benchmarks.md', () => {
    const first = replaceImportSection(
      '# Benchmarks\n\nother\n',
      '<!-- import-bench:start (written by npm run bench:import; edits inside are overwritten) -->\nA\n<!-- import-bench:end -->',
    );
    expect(first).toContain('other');
    const second = replaceImportSection(
      first,
      '<!-- import-bench:start (written by npm run bench:import; edits inside are overwritten) -->\nB\n<!-- import-bench:end -->',
    );
    expect(second).toContain('other');
    expect(second).toContain('\nB\n');
    expect(second).not.toContain('\nA\n');
  });
});
