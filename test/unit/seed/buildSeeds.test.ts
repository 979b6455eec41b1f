// buildSeeds on the real domain snapshot (counts, sources, determinism, staleness of the
// committed seeds/*.json) and on small hand-made inputs (curation mistakes, misuse).

import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import worldCountries from 'world-countries';
import {
  SEED_VERSION,
  buildSeeds,
  callKindOf,
  funderKindOf,
  parseCallRegion,
  regionIdOf,
} from '../../../src/seed/buildSeeds';
import type { DomainSnapshot, Places, SeedCuration } from '../../../src/seed/domainTypes';
import { seedFileName, seedFileText } from '../../../src/seed/loadSeedFiles';
import { readSeedInputs } from '../../../src/seed/readSeedInputs';
import { SEED_FILE_KEYS, type SeedDataset } from '../../../src/model';
import { validateSeeds } from '../../../src/seed/validateSeeds';

const SEEDS_DIRECTORY = path.resolve(__dirname, '..', '..', '..', 'seeds');

let domain: DomainSnapshot;
let curation: SeedCuration;
let places: Places;
let dataset: SeedDataset;

beforeAll(async () => {
  ({ domain, curation, places } = await readSeedInputs(SEEDS_DIRECTORY));
  dataset = buildSeeds(domain, curation, worldCountries, places);
});

/** A deep copy that a test may change freely. */
function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('buildSeeds', () => {
  describe('on the domain snapshot', () => {
    it('maps every funder, project and taxonomy record', () => {
      expect({
        funders: dataset.funders.length,
        projects: dataset.projects.length,
        objectives: dataset.objectives.length,
        valueChainStages: dataset.valueChainStages.length,
        sriaAreas: dataset.sriaAreas.length,
        knowledgeGaps: dataset.knowledgeGaps.length,
      }).toEqual({
        funders: domain.funders.length,
        projects: domain.projects.length,
        objectives: 9, // only the EP PerMed set of objectives.json (see 'seeds only the nine EP PerMed objectives')
        valueChainStages: domain.valueChainStages.stages.length,
        sriaAreas: domain.sriaAreas.areas.length,
        knowledgeGaps: domain.knowledgeGaps.knowledge_gaps.length,
      });
    });

    it('splits calls.json into 3 programmes and 18 calls of every kind', () => {
      expect(dataset.programmes.map((programme) => programme.id)).toEqual([
        'eppermed-programme',
        'erapermed-programme',
        'icpermed-programme',
      ]);
      const kinds: Record<string, number> = {};
      for (const call of dataset.calls) kinds[call.kind] = (kinds[call.kind] ?? 0) + 1;
      expect(kinds).toEqual({
        JOINT_TRANSNATIONAL_CALL: 8,
        INNOVATION_CALL: 3,
        INNOVATION_ACTION: 1,
        SUPPORT_CALL: 3,
        EVENT: 3,
      });
      expect(dataset.programmes.length + dataset.calls.length).toBe(domain.calls.length);
    });

    it('gives every record at least one source', () => {
      for (const key of SEED_FILE_KEYS) {
        if (key === 'manifest' || key === 'links' || key === 'diseaseAreaLinks') continue;
        for (const record of dataset[key]) {
          expect({ key, id: record.id, hasSources: record.sources.length > 0 }).toEqual({
            key,
            id: record.id,
            hasSources: true,
          });
        }
      }
    });

    it('produces a dataset the validator accepts', () => {
      expect(validateSeeds(dataset)).toEqual([]);
    });

    it('describes every country met in the domain from world-countries', () => {
      const codes = new Set<string>();
      for (const funder of domain.funders) if (funder.country !== null) codes.add(funder.country);
      for (const call of domain.calls) call.participating_countries.forEach((code) => codes.add(code));
      for (const project of domain.projects) project.partner_countries.forEach((code) => codes.add(code));
      expect(dataset.countries.map((country) => country.id)).toEqual([...codes].sort());
      expect(dataset.countries.find((country) => country.id === 'FI')).toEqual({
        id: 'FI',
        code: 'FI',
        name: 'Finland',
        officialName: 'Republic of Finland',
        latitude: 64,
        longitude: 26,
        continent: 'Europe',
        subregion: 'Northern Europe',
        sources: ['https://github.com/mledoze/countries'],
      });
    });

    it('makes regions of funder regions and call regions, merging "Quebec" and "Quebec (CA)"', () => {
      expect(dataset.regions.map((region) => `${region.id} ${region.countryCode}`)).toEqual([
        'be-federation-wallonie-bruxelles BE',
        'be-flanders BE',
        'ca-quebec CA',
        'de-saxony DE',
        'es-aragon ES',
        'es-catalonia ES',
        'es-navarre ES',
        'it-lombardy IT',
        'it-tuscany IT',
      ]);
      expect(dataset.funders.find((funder) => funder.id === 'frqs-ca-qc')?.regionId).toBe('ca-quebec');
      expect(dataset.calls.find((call) => call.id === 'jtc2018')?.participatingRegionIds).toContain(
        'ca-quebec',
      );
    });

    it('gives the European Commission no country and no region', () => {
      const commission = dataset.funders.find((funder) => funder.id === 'european-commission');
      expect([commission?.kind, commission?.countryCode, commission?.regionId]).toEqual([
        'EU_BODY',
        null,
        null,
      ]);
    });

    it("unites a funder's own calls with the calls that list it", () => {
      // bmbf-de lists jtc2019, which does not list bmbf-de: the funder's side counts.
      expect(dataset.funders.find((funder) => funder.id === 'bmbf-de')?.callIds).toEqual([
        'jtc2018',
        'jtc2019',
        'jtc2020',
        'jtc2021',
        'jtc2022',
        'jtc2024',
      ]);
      // With jtc2018 dropped from bmbf-de's own list, jtc2018's funder list still brings it back.
      const oneSided = clone(domain);
      const bmbf = oneSided.funders.find((funder) => funder.id === 'bmbf-de');
      if (bmbf !== undefined) bmbf.calls = bmbf.calls.filter((callId) => callId !== 'jtc2018');
      const rebuilt = buildSeeds(oneSided, curation, worldCountries, places);
      expect(rebuilt.funders.find((funder) => funder.id === 'bmbf-de')?.callIds).toContain('jtc2018');
    });

    it('merges two groups of one university into one coordinator membership', () => {
      const project = dataset.projects.find((record) => record.id === 'project-jakstat-target');
      expect(project?.partners[0]).toEqual({
        organisationId: 'org-university-of-helsinki',
        role: 'COORDINATOR',
        asNamed: [
          'University of Helsinki (Prof. Satu Mustjoki)',
          'University of Helsinki (group of Tero Aittokallio)',
        ],
      });
      expect(project?.unnamedPartners).toEqual([
        'Canadian group led by Patrick Gunning (institution name cut off in text read)',
        'second Canadian group (not named in text read)',
      ]);
    });

    it('keeps Klinikum rechts der Isar apart from the Technical University of Munich', () => {
      const project = dataset.projects.find((record) => record.id === 'project-permim');
      expect(project?.partners.map((partner) => `${partner.role} ${partner.organisationId}`)).toEqual([
        'COORDINATOR org-klinikum-rechts-der-isar',
        'PARTNER org-fondazione-irccs-istituto-neurologico-carlo-besta',
        'PARTNER org-technical-university-of-munich',
      ]);
    });

    it('lists one organisation for "Lund University" in two projects, with both projects as sources', () => {
      const lund = dataset.organisations.find((organisation) => organisation.id === 'org-lund-university');
      expect(lund?.aliases).toEqual(['Lund University']);
      const projects = dataset.projects.filter((project) =>
        project.partners.some((partner) => partner.organisationId === 'org-lund-university'),
      );
      expect(projects.map((project) => project.id)).toEqual(['project-deepmechanoknee', 'project-edap-ad']);
    });

    it('keeps an ambiguous programme text in the notes with programmeId null', () => {
      const project = dataset.projects.find((record) => record.id === 'project-percareglio');
      expect(project?.programmeId).toBeNull();
      expect(project?.notes).toContain(
        'Programme as given by the sources: "ERA PerMed / EP PerMed (press says ERA PerMed)".',
      );
      expect(project?.unnamedPartners).toHaveLength(5);
    });

    it('takes the project year from its start, else from its call', () => {
      const byId = new Map(dataset.projects.map((project) => [project.id, project]));
      expect([byId.get('project-p4-lucat')?.year, byId.get('project-p4-lucat')?.yearBasis]).toEqual([
        2020,
        'START_DATE',
      ]);
      expect([byId.get('project-radprecise')?.year, byId.get('project-radprecise')?.yearBasis]).toEqual([
        2018,
        'CALL_YEAR',
      ]);
      expect([byId.get('project-symmetry')?.year, byId.get('project-symmetry')?.yearBasis]).toEqual([
        null,
        null,
      ]);
    });

    it('seeds only the nine EP PerMed objectives', () => {
      expect(dataset.objectives.map((objective) => objective.id)).toEqual([
        'obj-01',
        'obj-02',
        'obj-03',
        'obj-04',
        'obj-05',
        'obj-06',
        'obj-07',
        'obj-08',
        'obj-09',
      ]);
    });

    it('writes a manifest whose build date comes from the domain, not the clock', () => {
      expect(dataset.manifest).toEqual({
        version: SEED_VERSION,
        compiledFrom: 'seeds/domain (compiled 2026-11-29)',
        builtAt: '2026-11-29T00:00:00.000Z',
      });
    });

    it('derives links of every type, each with provenance, rule, confidence and evidence', () => {
      const types = new Set(dataset.links.map((link) => link.type));
      expect([...types].sort()).toEqual([
        'ADDRESSES',
        'ADVANCES',
        'AT_STAGE',
        'IN_AREA',
        'SERVES',
        'TARGETS',
      ]);
      expect(
        dataset.links.find((link) => link.fromId === 'jtc2025' && link.toId === 'gap-pharmacogenomics')
          ?.evidence,
      ).toBe(
        'knowledge-gaps.json: gap-pharmacogenomics is named in "EP PerMed JTC2025 topic (PGxPM2025)", which names jtc2025',
      );
    });

    it('builds the same dataset from shuffled input', () => {
      const shuffled = clone(domain);
      shuffled.funders.reverse();
      shuffled.calls.reverse();
      shuffled.projects.reverse();
      shuffled.knowledgeGaps.knowledge_gaps.reverse();
      const reversedCuration = clone(curation);
      reversedCuration.organisations.reverse();
      expect(buildSeeds(shuffled, reversedCuration, [...worldCountries].reverse(), places)).toEqual(dataset);
    });

    it('matches the committed seeds/*.json byte for byte (run `npm run seeds:build` when this fails)', async () => {
      for (const key of SEED_FILE_KEYS) {
        const committed = await readFile(path.join(SEEDS_DIRECTORY, seedFileName(key)), 'utf8');
        expect({ file: seedFileName(key), upToDate: committed === seedFileText(dataset[key]) }).toEqual({
          file: seedFileName(key),
          upToDate: true,
        });
      }
    });
  });

  describe('on curation mistakes', () => {
    it('throws when a raw partner string is mapped to nothing', () => {
      const broken = clone(curation);
      broken.unnamedPartners = broken.unnamedPartners.filter(
        (entry) => entry.text !== 'research group in Paris',
      );
      expect(() => buildSeeds(domain, broken, worldCountries, places)).toThrow(
        'projects.json project-percareglio names "research group in Paris", which seeds/curation maps neither to an organisation (organisations.json aliases) nor to unnamed-partners.json',
      );
    });

    it('throws when one alias belongs to two organisations', () => {
      const broken = clone(curation);
      broken.organisations.push({
        id: 'org-lund-copy',
        name: 'Lund',
        countryCode: 'SE',
        aliases: ['Lund University'],
      });
      expect(() => buildSeeds(domain, broken, worldCountries, places)).toThrow(
        'alias "Lund University" belongs to both',
      );
    });

    it("throws when an organisation's country disagrees with the projects", () => {
      const broken = clone(curation);
      const lund = broken.organisations.find((organisation) => organisation.id === 'org-lund-university');
      if (lund !== undefined) lund.countryCode = 'DK';
      expect(() => buildSeeds(domain, broken, worldCountries, places)).toThrow(
        'org-lund-university has countryCode DK but projects.json',
      );
    });

    it('throws when an alias occurs in no project', () => {
      const broken = clone(curation);
      broken.organisations[0]?.aliases.push('An institution nobody named');
      expect(() => buildSeeds(domain, broken, worldCountries, places)).toThrow(
        'seeds/curation: "An institution nobody named" does not occur in projects.json (stale curation)',
      );
    });
  });

  describe('on misuse', () => {
    it('throws a TypeError naming the expected and received input', () => {
      expect(() => buildSeeds(null as unknown as DomainSnapshot, curation, worldCountries, places)).toThrow(
        new TypeError('buildSeeds expected a domain snapshot object, received null'),
      );
      expect(() =>
        buildSeeds(
          { ...domain, funders: 'none' } as unknown as DomainSnapshot,
          curation,
          worldCountries,
          places,
        ),
      ).toThrow(new TypeError('buildSeeds expected domain.funders to be an array, received "none"'));
    });

    it('throws a TypeError for an unknown funder kind or country code', () => {
      const unknownKind = clone(domain);
      (unknownKind.funders[0] as { kind: string }).kind = 'think tank';
      expect(() => buildSeeds(unknownKind, curation, worldCountries, places)).toThrow(
        /expected a funder kind mapping to one of NATIONAL_FUNDING_AGENCY, .*, received "think tank"/,
      );
      const unknownCountry = clone(domain);
      (
        unknownCountry.calls.find((call) => call.id === 'jtc2018') as { participating_countries: string[] }
      ).participating_countries.push('XK');
      expect(() =>
        buildSeeds(
          unknownCountry,
          curation,
          worldCountries.filter((country) => country.cca2 !== 'XK'),
          places,
        ),
      ).toThrow(
        'buildSeeds expected an ISO 3166-1 alpha-2 code known to world-countries at calls.json jtc2018.participating_countries, received "XK"',
      );
    });
  });
});

describe('funderKindOf', () => {
  it('maps the domain kinds to FunderKind', () => {
    expect(['national funding agency', 'EU body', 'project management agency'].map(funderKindOf)).toEqual([
      'NATIONAL_FUNDING_AGENCY',
      'EU_BODY',
      'PROJECT_MANAGEMENT_AGENCY',
    ]);
  });
});

describe('callKindOf', () => {
  it('maps call types and refuses "programme"', () => {
    expect(callKindOf('joint_transnational_call')).toBe('JOINT_TRANSNATIONAL_CALL');
    expect(() => callKindOf('programme')).toThrow(TypeError);
  });
});

describe('parseCallRegion', () => {
  it('splits a region and its country code', () => {
    expect(parseCallRegion('Quebec (CA)')).toEqual({ name: 'Quebec', countryCode: 'CA' });
  });

  it('refuses a region without a country code', () => {
    expect(() => parseCallRegion('Quebec')).toThrow(
      new TypeError('buildSeeds expected a participating region like "Quebec (CA)", received "Quebec"'),
    );
  });
});

describe('regionIdOf', () => {
  it('prefixes the country code and drops a bracketed gloss and diacritics', () => {
    expect(regionIdOf('Fédération Wallonie-Bruxelles (French-speaking community)', 'BE')).toBe(
      'be-federation-wallonie-bruxelles',
    );
    expect(regionIdOf('Navarre', 'ES')).toBe('es-navarre');
  });
});
