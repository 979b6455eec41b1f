// The seed validator on small malformed inputs (one fault at a time, exact messages) and on
// the committed seeds/*.json.

import * as path from 'node:path';
import { loadSeedFiles } from '../../../src/seed/loadSeedFiles';
import { assertValidSeeds, SeedValidationError, validateSeeds } from '../../../src/seed/validateSeeds';
import type { SeedDataset } from '../../../src/model';
import { makeValidDataset } from '../../fixtures/seedFixtures';

const SEEDS_DIRECTORY = path.resolve(__dirname, '..', '..', '..', 'seeds');

/** The dataset as plain JSON that a test may break in any way. */
function files(): Record<string, unknown> & { [K in keyof SeedDataset]: unknown } {
  return JSON.parse(JSON.stringify(makeValidDataset())) as Record<string, unknown> & {
    [K in keyof SeedDataset]: unknown;
  };
}

/** The first record of a file, for editing. */
function first(data: Record<string, unknown>, key: string): Record<string, unknown> {
  return (data[key] as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
}

function messages(data: unknown): string[] {
  return validateSeeds(data).map((issue) => issue.message);
}

describe('validateSeeds', () => {
  it('accepts a small valid dataset', () => {
    expect(validateSeeds(makeValidDataset())).toEqual([]);
  });

  it('accepts the committed seeds/*.json', async () => {
    expect(validateSeeds(await loadSeedFiles(SEEDS_DIRECTORY))).toEqual([]);
  });

  it.each([[null], [undefined], [42], ['seeds'], [[1, 2]]])(
    'rejects %p as the whole input without throwing',
    (input) => {
      const issues = validateSeeds(input);
      expect(issues).toHaveLength(1);
      expect(issues[0]?.file).toBe('seeds/');
      expect(issues[0]?.message).toMatch(/^seeds\/: expected an object with one entry per seed file/);
    },
  );

  it('names a missing file', () => {
    const data = files();
    delete data.regions;
    expect(messages(data)).toEqual(['seeds/regions.json: is missing']);
  });

  it('rejects a file that is not an array, without repeating it for every reference into it', () => {
    const data = files();
    data.funders = { id: 'funder-fi' };
    expect(messages(data)).toEqual(['seeds/funders.json: expected an array of records, received object']);
  });

  it('rejects a record that is not an object', () => {
    const data = files();
    (data.objectives as unknown[]).push(null);
    expect(messages(data)).toEqual(['seeds/objectives.json record 1: expected an object, received null']);
  });

  it('names the file, record, id and field of a wrong type', () => {
    const data = files();
    first(data, 'funders').name = 42;
    const [issue] = validateSeeds(data);
    expect(issue).toEqual({
      file: 'seeds/funders.json',
      index: 0,
      id: 'funder-fi',
      field: 'name',
      reason: 'expected a non-empty string, received number 42',
      message:
        'seeds/funders.json record 0 (id "funder-fi") field "name": expected a non-empty string, received number 42',
    });
  });

  it('rejects a missing required field and an unexpected one', () => {
    const data = files();
    delete first(data, 'calls').title;
    first(data, 'calls').titel = 'typo';
    expect(messages(data)).toEqual([
      'seeds/calls.json record 0 (id "call-1") field "title": is missing',
      'seeds/calls.json record 0 (id "call-1") field "titel": is not a field of this record (unexpected field)',
    ]);
  });

  it('rejects a value outside its enum', () => {
    const data = files();
    first(data, 'funders').kind = 'AGENCY';
    expect(messages(data)).toEqual([
      'seeds/funders.json record 0 (id "funder-fi") field "kind": expected one of NATIONAL_FUNDING_AGENCY, MINISTRY, REGIONAL_MINISTRY, REGIONAL_FUNDING_AGENCY, REGIONAL_AGENCY, REGIONAL_GOVERNMENT, REGIONAL_FOUNDATION, FOUNDATION, PROJECT_MANAGEMENT_AGENCY, EU_BODY, received "AGENCY"',
    ]);
  });

  it('rejects a country code that is not two upper-case letters, or not assigned', () => {
    const data = files();
    first(data, 'organisations').countryCode = 'fi';
    first(data, 'regions').countryCode = 'XX';
    expect(messages(data)).toEqual([
      'seeds/regions.json record 0 (id "fi-lapland") field "countryCode": expected an assigned ISO 3166-1 alpha-2 code, received "XX"',
      'seeds/organisations.json record 0 (id "org-a") field "countryCode": expected an ISO 3166-1 alpha-2 code (two upper-case letters), received "fi"',
    ]);
  });

  it('rejects a valid ISO code that has no record in countries', () => {
    const data = files();
    first(data, 'projects').partnerCountryCodes = ['FI', 'SE'];
    expect(messages(data)).toEqual([
      'seeds/projects.json record 0 (id "project-a") field "partnerCountryCodes[1]": refers to "SE", which is not an id in seeds/countries.json',
    ]);
  });

  it('rejects a duplicate id', () => {
    const data = files();
    (data.objectives as unknown[]).push({ ...first(data, 'objectives'), order: 2 });
    expect(messages(data)).toEqual([
      'seeds/objectives.json record 1 (id "obj-01") field "id": duplicate id; record 0 has the same id',
    ]);
  });

  it('rejects an id that is not a lower-case slug', () => {
    const data = files();
    first(data, 'knowledgeGaps').id = 'Gap A';
    expect(messages(data)).toContain(
      'seeds/knowledgeGaps.json record 0 (id "Gap A") field "id": expected a lower-case slug id (letters, digits, single hyphens), received "Gap A"',
    );
  });

  it('rejects a reference to a missing record', () => {
    const data = files();
    first(data, 'projects').callId = 'jtc2099';
    expect(messages(data)).toEqual([
      'seeds/projects.json record 0 (id "project-a") field "callId": refers to "jtc2099", which is not an id in seeds/calls.json',
    ]);
  });

  it('rejects a reference to a record of the wrong kind', () => {
    const data = files();
    first(data, 'funders').callIds = ['prog'];
    expect(messages(data)).toEqual([
      'seeds/funders.json record 0 (id "funder-fi") field "callIds[0]": refers to "prog", which is not an id in seeds/calls.json',
    ]);
  });

  it('names the nested field of a project partner', () => {
    const data = files();
    first(data, 'projects').partners = [
      { organisationId: 'org-a', role: 'LEADER', asNamed: ['An Organisation (lab)'] },
      { organisationId: 'org-a', role: 'PARTNER', asNamed: [] },
    ];
    expect(messages(data)).toEqual([
      'seeds/projects.json record 0 (id "project-a") field "partners[0].role": expected one of COORDINATOR, PARTNER, received "LEADER"',
      'seeds/projects.json record 0 (id "project-a") field "partners[1].asNamed": expected at least one item, received an empty array',
    ]);
  });

  it('rejects two memberships of one organisation in a project', () => {
    const data = files();
    const partner = { organisationId: 'org-a', role: 'PARTNER', asNamed: ['An Organisation (lab)'] };
    first(data, 'projects').partners = [partner, partner];
    expect(messages(data)).toEqual([
      'seeds/projects.json record 0 (id "project-a") field "partners[1].organisationId": duplicate of partners[0]; one membership per organisation',
    ]);
  });

  it('rejects a year basis that disagrees with the year', () => {
    const data = files();
    first(data, 'projects').yearBasis = null;
    expect(messages(data)).toEqual([
      'seeds/projects.json record 0 (id "project-a") field "yearBasis": expected yearBasis to be null exactly when year is null (year is number 2018), received null',
    ]);
  });

  it('rejects an impossible date', () => {
    const data = files();
    first(data, 'calls').preProposalDeadline = '2024-13-01';
    expect(messages(data)).toEqual([
      'seeds/calls.json record 0 (id "call-1") field "preProposalDeadline": expected a real calendar date, received "2024-13-01"',
    ]);
  });

  it('rejects empty sources and sources that are not http(s) URLs', () => {
    const data = files();
    first(data, 'objectives').sources = [];
    first(data, 'knowledgeGaps').sources = ['ftp://example.org/x', 'see the report'];
    expect(messages(data)).toEqual([
      'seeds/objectives.json record 0 (id "obj-01") field "sources": expected at least one item, received an empty array',
      'seeds/knowledgeGaps.json record 0 (id "gap-a") field "sources[0]": expected an http(s) URL, received "ftp://example.org/x"',
      'seeds/knowledgeGaps.json record 0 (id "gap-a") field "sources[1]": expected an http(s) URL, received "see the report"',
    ]);
  });

  it('rejects a stage level that disagrees with its parent', () => {
    const data = files();
    (data.valueChainStages as Array<Record<string, unknown>>)[1]!.parentId = null;
    expect(messages(data)).toEqual([
      'seeds/valueChainStages.json record 1 (id "vc-basic-research") field "parentId": expected a parent stage for a SUB stage, received null',
    ]);
  });

  it('rejects a malformed manifest', () => {
    const data = files();
    data.manifest = { version: '1.0', compiledFrom: 'seeds/domain', builtAt: 'yesterday' };
    expect(messages(data)).toEqual([
      'seeds/manifest.json field "version": expected a version YYYY-MM-DD.N, received "1.0"',
      'seeds/manifest.json field "builtAt": expected an ISO timestamp like 2026-11-29T00:00:00.000Z, received "yesterday"',
    ]);
  });

  describe('on links', () => {
    function link(data: Record<string, unknown>): Record<string, unknown> {
      return (data.links as Array<Record<string, unknown>>)[1] as Record<string, unknown>;
    }

    it('rejects a confidence outside 0 < c <= 1', () => {
      const data = files();
      link(data).confidence = 0;
      first(data, 'links').confidence = 1.5;
      expect(messages(data)).toEqual([
        'seeds/links.json record 0 field "confidence": expected a confidence with 0 < c <= 1, received number 1.5',
        'seeds/links.json record 1 field "confidence": expected a confidence with 0 < c <= 1, received number 0',
      ]);
    });

    it('rejects an unknown provenance', () => {
      const data = files();
      link(data).provenance = 'GUESSED';
      expect(messages(data)).toEqual([
        'seeds/links.json record 1 field "provenance": expected one of CURATED, INFERRED, received "GUESSED"',
      ]);
    });

    it('rejects a provenance that differs from its rule', () => {
      const data = files();
      link(data).provenance = 'CURATED';
      expect(messages(data)).toEqual([
        'seeds/links.json record 1 field "provenance": expected INFERRED (the provenance of rule keywords-gap-pharmacogenomics), received "CURATED"',
      ]);
    });

    it('rejects a rule that is not in the rule book', () => {
      const data = files();
      link(data).rule = 'my-hunch';
      expect(messages(data)).toEqual([
        'seeds/links.json record 1 field "rule": expected the id of a rule in src/derivation/derivationRules.ts, received "my-hunch"',
      ]);
    });

    it('rejects a type joining the wrong labels', () => {
      const data = files();
      Object.assign(link(data), { fromLabel: 'Call', fromId: 'call-1' });
      expect(messages(data)).toEqual([
        'seeds/links.json record 1 field "type": expected ADDRESSES to join Project -> KnowledgeGap, received Call -> KnowledgeGap',
      ]);
    });

    it('rejects an end that is not a record of its label', () => {
      const data = files();
      link(data).toId = 'obj-01';
      expect(messages(data)).toEqual([
        'seeds/links.json record 1 field "toId": refers to "obj-01", which is not an id in seeds/knowledgeGaps.json',
      ]);
    });

    it('rejects a second link between the same nodes with the same type', () => {
      const data = files();
      (data.links as unknown[]).push({ ...link(data), rule: 'keywords-gap-prevention', confidence: 0.45 });
      expect(messages(data)).toEqual([
        'seeds/links.json record 2: duplicate link Project:project-a|ADDRESSES|KnowledgeGap:gap-a; record 1 already joins the same nodes with the same type',
      ]);
    });
  });
});

describe('assertValidSeeds', () => {
  it('returns the dataset when it is valid', () => {
    const dataset = makeValidDataset();
    expect(assertValidSeeds(dataset)).toBe(dataset);
  });

  it('throws a SeedValidationError listing every error', () => {
    const data = files();
    first(data, 'funders').name = '';
    first(data, 'projects').callId = 'jtc2099';
    let thrown: unknown;
    try {
      assertValidSeeds(data);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SeedValidationError);
    const error = thrown as SeedValidationError;
    expect(error.errors.map((issue) => issue.field)).toEqual(['name', 'callId']);
    expect(error.message).toBe(
      [
        'The seed files have 2 error(s):',
        '  - seeds/funders.json record 0 (id "funder-fi") field "name": expected a non-empty string, received ""',
        '  - seeds/projects.json record 0 (id "project-a") field "callId": refers to "jtc2099", which is not an id in seeds/calls.json',
      ].join('\n'),
    );
  });
});

describe('validateSeeds on list properties', () => {
  it('reports a list that is null, without throwing', () => {
    const data = JSON.parse(JSON.stringify(makeValidDataset())) as Record<
      string,
      Array<Record<string, unknown>>
    >;
    data.funders![0]!.callIds = null;
    expect(validateSeeds(data).map((issue) => issue.message)).toEqual([
      'seeds/funders.json record 0 (id "funder-fi") field "callIds": expected an array, received null',
    ]);
  });
});
