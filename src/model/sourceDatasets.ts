// The datasets records come from (the curated partnership data, CORDIS Horizon Europe and
// Horizon 2020, ROR, users' imports), as data: name, publisher, licence and attribution. Every
// record lists the ids of the datasets that gave it (`datasets`); the graph keeps one
// SourceDataset node per loaded dataset with the version date of the load.

/** The datasets (GraphQL DatasetId); a record's `datasets` property holds these values. */
export const DATASET_IDS = [
  'PERMED_CURATED',
  'CORDIS_HORIZON_EUROPE',
  'CORDIS_HORIZON_2020',
  'ROR',
  'USER_IMPORT',
] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

/** The node property that lists a record's datasets (never an import column: the write sets it). */
export const DATASETS_PROPERTY = 'datasets';

/** What is known of a dataset before it is loaded; the load adds its version date. */
export interface DatasetSpec {
  id: DatasetId;
  name: string;
  publisher: string;
  /** Where it is published (and downloaded from); null for the data kept in this repository. */
  homepage: string | null;
  /** The licence's short name, e.g. CC BY 4.0. */
  licence: string;
  /** The licence's text; null when the data declare none. */
  licenceUrl: string | null;
  /** What a reuser has to say (or may say, for CC0) when reusing the records. */
  attribution: string;
}

/**
 * The datasets, with their terms from their publishers: CORDIS's open data are CC BY 4.0 under
 * the Commission's reuse policy (Decision 2011/833/EU: acknowledge the source), ROR's dump CC0
 * 1.0 (https://ror.readme.io/docs/data-dump); the curated data cite their sources record by
 * record and declare no licence of their own.
 */
export const DATASET_SPECS: Readonly<Record<DatasetId, DatasetSpec>> = {
  PERMED_CURATED: {
    id: 'PERMED_CURATED',
    name: 'PerMed Graph curated partnership data (seeds/)',
    publisher:
      'PerMed Graph compilers, from public pages of EP PerMed, ERA PerMed, ICPerMed, CORDIS and funders',
    homepage: null,
    licence: 'No licence of its own: facts compiled from the public pages each record cites',
    licenceUrl: null,
    attribution:
      'Compiled by PerMed Graph from the public sources each record lists (seeds/domain/SOURCES.md); ' +
      'the terms of those sources apply.',
  },
  CORDIS_HORIZON_EUROPE: {
    id: 'CORDIS_HORIZON_EUROPE',
    name: 'CORDIS - EU research projects under HORIZON EUROPE (2021-2027)',
    publisher: 'Publications Office of the European Union',
    homepage:
      'https://data.europa.eu/data/datasets/cordis-eu-research-projects-under-horizon-europe-2021-2027',
    licence: 'CC BY 4.0',
    licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
    // The citation data.europa.eu gives (with the dataset's DOI); the reuse policy is Decision 2011/833/EU.
    attribution:
      'Source: CORDIS - EU research projects under HORIZON EUROPE (2021-2027), Publications Office of the European Union, https://doi.org/10.2906/112117098108/20, © European Union, licensed under CC BY 4.0.',
  },
  CORDIS_HORIZON_2020: {
    id: 'CORDIS_HORIZON_2020',
    name: 'CORDIS - EU research projects under Horizon 2020 (2014-2020)',
    publisher: 'Publications Office of the European Union',
    homepage: 'https://data.europa.eu/data/datasets/cordish2020projects',
    licence: 'CC BY 4.0',
    licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
    attribution:
      'Source: CORDIS - EU research projects under Horizon 2020 (2014-2020), Publications Office of the European Union, https://data.europa.eu/data/datasets/cordish2020projects, © European Union, licensed under CC BY 4.0.',
  },
  ROR: {
    id: 'ROR',
    name: 'Research Organization Registry (ROR) data dump, schema v2',
    publisher: 'ROR (California Digital Library, Crossref, DataCite)',
    homepage: 'https://doi.org/10.5281/zenodo.6347574',
    licence: 'CC0 1.0',
    licenceUrl: 'https://creativecommons.org/publicdomain/zero/1.0/',
    attribution:
      'Research Organization Registry (https://ror.org), CC0 1.0; no attribution required, credit welcome.',
  },
  USER_IMPORT: {
    id: 'USER_IMPORT',
    name: "Users' imports and edits (npm run import, the API's mutations)",
    publisher: 'The curators who imported or edited the records (see each record history)',
    homepage: null,
    licence: "The importer's own terms; every record cites its sources",
    licenceUrl: null,
    attribution: 'As the sources each imported record lists require.',
  },
};

/** True when `value` names a dataset. */
export function isDatasetId(value: unknown): value is DatasetId {
  return typeof value === 'string' && (DATASET_IDS as readonly string[]).includes(value);
}

/**
 * A record's datasets with `dataset` added (in DATASET_IDS order, each once): a record reached
 * from two datasets keeps both. `current` is what the graph holds (absent for a new record).
 */
export function withDataset(current: unknown, dataset: DatasetId): DatasetId[] {
  const held = new Set<string>(Array.isArray(current) ? (current as unknown[]).filter(isDatasetId) : []);
  held.add(dataset);
  return DATASET_IDS.filter((id) => held.has(id));
}
