// The curated dataset as a whole: one seed file per key (seeds/<key>.json), and its manifest.

import { code, text, timestamp, type RecordOf } from './fields';
import type { CallRecord } from './call';
import type { DiseaseAreaRecord } from './diseaseArea';
import type { FunderRecord } from './funder';
import type { OrganisationRecord } from './organisation';
import type { ProgrammeRecord } from './programme';
import type { ProjectRecord } from './project';
import type { CountryRecord, RegionRecord } from './places';
import type { DerivedLinkRecord, DiseaseAreaLinkRecord } from './provenance';
import type { KnowledgeGapRecord, ObjectiveRecord, SriaAreaRecord, ValueChainStageRecord } from './strategy';

export const MANIFEST_FIELDS = [
  code(
    'version',
    /^\d{4}-\d{2}-\d{2}\.\d+$/,
    'a version YYYY-MM-DD.N',
    'Dataset version, bumped whenever seeds/ changes.',
    {
      required: true,
    },
  ),
  text('compiledFrom', 'Where the facts were compiled from.', { required: true }),
  timestamp('builtAt', 'When the seeds were built.', { required: true }),
] as const;
export type SeedManifest = RecordOf<typeof MANIFEST_FIELDS>;

/** The whole dataset as loaded into memory; file name per key is `seeds/<key>.json`. */
export type SeedDataset = {
  manifest: SeedManifest;
  programmes: ProgrammeRecord[];
  countries: CountryRecord[];
  regions: RegionRecord[];
  funders: FunderRecord[];
  calls: CallRecord[];
  organisations: OrganisationRecord[];
  projects: ProjectRecord[];
  objectives: ObjectiveRecord[];
  valueChainStages: ValueChainStageRecord[];
  sriaAreas: SriaAreaRecord[];
  knowledgeGaps: KnowledgeGapRecord[];
  links: DerivedLinkRecord[];
  diseaseAreas: DiseaseAreaRecord[];
  diseaseAreaLinks: DiseaseAreaLinkRecord[];
};

export const SEED_FILE_KEYS = [
  'manifest',
  'programmes',
  'countries',
  'regions',
  'funders',
  'calls',
  'organisations',
  'projects',
  'objectives',
  'valueChainStages',
  'sriaAreas',
  'knowledgeGaps',
  'links',
  'diseaseAreas',
  'diseaseAreaLinks',
] as const satisfies readonly (keyof SeedDataset)[];
