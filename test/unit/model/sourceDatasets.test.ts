// The dataset facet's vocabulary: every dataset has its terms, and a record keeps every dataset that reached it.

import { DATASET_IDS, DATASET_SPECS, isDatasetId, withDataset } from '../../../src/model';

describe('DATASET_SPECS', () => {
  it('gives every dataset a name, a licence and an attribution, with CORDIS CC BY 4.0 and ROR CC0', () => {
    for (const id of DATASET_IDS) {
      expect(DATASET_SPECS[id]).toMatchObject({
        id,
        name: expect.any(String),
        attribution: expect.any(String),
      });
    }
    expect(DATASET_SPECS.CORDIS_HORIZON_EUROPE.licence).toBe('CC BY 4.0');
    expect(DATASET_SPECS.CORDIS_HORIZON_2020.attribution).toContain('© European Union');
    expect(DATASET_SPECS.ROR.licence).toBe('CC0 1.0');
  });
});

describe('withDataset', () => {
  it('adds a dataset once and keeps the others, in the order of DATASET_IDS', () => {
    expect(withDataset(undefined, 'ROR')).toEqual(['ROR']);
    expect(withDataset(['ROR'], 'PERMED_CURATED')).toEqual(['PERMED_CURATED', 'ROR']);
    expect(withDataset(['PERMED_CURATED', 'ROR'], 'ROR')).toEqual(['PERMED_CURATED', 'ROR']);
  });

  it('drops values that name no dataset', () => {
    expect(withDataset(['nonsense', 42], 'USER_IMPORT')).toEqual(['USER_IMPORT']);
    expect(isDatasetId('CORDIS_HORIZON_EUROPE')).toBe(true);
    expect(isDatasetId('cordis')).toBe(false);
  });
});
