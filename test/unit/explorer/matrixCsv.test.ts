// The heat map's download: the coverage matrix as the gap view draws it, as CSV records.

import { type DrawnMatrix, matrixFileName, matrixRecords } from '../../../explorer/src/matrixCsv';

const MATRIX: DrawnMatrix = {
  columns: [
    { stageId: 'vc-research', label: 'Research' },
    { stageId: 'vc-development', label: 'Development' },
    { stageId: 'vc-uptake', label: 'Uptake, use' },
  ],
  rows: [
    {
      id: 'gap-b',
      label: 'Health data sharing',
      cells: [
        // Out of the columns' order on purpose: the records follow the columns.
        { stageId: 'vc-uptake', projectLevel: { projectCount: 0 } },
        { stageId: 'vc-research', projectLevel: { projectCount: 12 } },
        { stageId: 'vc-development', projectLevel: { projectCount: 3 } },
      ],
    },
    {
      id: 'gap-a',
      label: 'Ethics, law and society',
      cells: [{ stageId: 'vc-research', projectLevel: { projectCount: 1 } }],
    },
  ],
};

describe('matrixRecords', () => {
  it('writes a header of stage labels and one record per row, in the order drawn', () => {
    expect(matrixRecords(MATRIX, 'GAP')).toEqual([
      ['id', 'knowledge gap', 'Research', 'Development', 'Uptake, use'],
      ['gap-b', 'Health data sharing', '12', '3', '0'],
      ['gap-a', 'Ethics, law and society', '1', '', ''],
    ]);
  });

  it('names the row kind of an objectives matrix', () => {
    expect(matrixRecords({ columns: [], rows: [] }, 'OBJECTIVE')).toEqual([['id', 'objective']]);
  });
});

describe('matrixFileName', () => {
  it('says what the rows are and which links were counted', () => {
    expect(matrixFileName('GAP', '')).toBe('coverage-gaps-by-stage-curated-and-inferred.csv');
    expect(matrixFileName('OBJECTIVE', 'CURATED')).toBe('coverage-objectives-by-stage-curated.csv');
  });

  it('names the dataset when one was chosen', () => {
    expect(matrixFileName('GAP', 'INFERRED', 'CORDIS_HORIZON_EUROPE')).toBe(
      'coverage-gaps-by-stage-inferred-cordis-horizon-europe.csv',
    );
    expect(matrixFileName('GAP', '', '')).toBe('coverage-gaps-by-stage-curated-and-inferred.csv');
  });
});
