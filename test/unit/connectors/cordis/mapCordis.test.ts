// CORDIS rows onto the graph's records (docs/connectors.md, "What maps where"): ids, the subject
// tree from a euroSciVoc path, partnerships with their role, outputs by DOI.

import {
  cordisProjectId,
  outputId,
  partnershipRecords,
  subjectRecords,
} from '../../../../src/connectors/cordis/mapCordis';
import type { OrganizationRow, PublicationRow } from '../../../../src/connectors/cordis/cordisRows';

const datasetUrl = 'https://example.org/synthetic-dataset';

describe('subjectRecords', () => {
  it('makes the tagged subject and each broader one from the path, each linked to its parent once', () => {
    const known = new Set<string>();
    const row = {
      projectId: '990000001',
      code: ['21', '33', '5029300'],
      path: ['medical and health sciences', 'health sciences', 'personalized medicine'],
      title: 'personalized medicine',
    };
    const records = subjectRecords(row, known, datasetUrl);
    const nodes = records.filter((record) => record.kind === 'node');
    expect(nodes.map((node) => [node.id, node.properties.label, node.properties.code])).toEqual([
      ['euroscivoc-21', 'medical and health sciences', '/21'],
      ['euroscivoc-33', 'health sciences', '/21/33'],
      ['euroscivoc-5029300', 'personalized medicine', '/21/33/5029300'],
    ]);
    const links = records.filter((record) => record.kind === 'link');
    expect(links.map((link) => `${link.shape.type} ${link.from} ${link.to}`)).toEqual([
      'BROADER euroscivoc-33 euroscivoc-21',
      'BROADER euroscivoc-5029300 euroscivoc-33',
      'HAS_SUBJECT cordis-990000001 euroscivoc-5029300',
    ]);
    // A second project with the same tag adds only its own link.
    const again = subjectRecords({ ...row, projectId: '990000002' }, known, datasetUrl);
    expect(again).toEqual([
      expect.objectContaining({ kind: 'link', from: 'cordis-990000002', to: 'euroscivoc-5029300' }),
    ]);
  });
});

function organisation(overrides: Partial<OrganizationRow>): OrganizationRow {
  return {
    projectId: '990000001',
    pic: '999900001',
    vatNumber: null,
    name: 'SYNTHETIC UNIVERSITY',
    shortName: null,
    sme: false,
    activityType: 'HES',
    street: null,
    postCode: null,
    city: null,
    countryCode: 'GR',
    nutsCode: null,
    geolocation: null,
    url: null,
    order: 2,
    role: 'thirdParty',
    ecContribution: 0,
    netEcContribution: 528340.97,
    totalCost: 960619.95,
    endOfParticipation: false,
    ...overrides,
  };
}

describe('partnershipRecords', () => {
  it("keeps the row's participation, contribution and order, and names the partner country once per project", () => {
    const countries = new Set<string>();
    const records = partnershipRecords(organisation({}), countries);
    expect(records[0]).toMatchObject({
      shape: { type: 'PARTNER_IN', from: 'Organisation', to: 'Project' },
      from: 'org-pic-999900001',
      to: cordisProjectId('990000001'),
      properties: { role: 'PARTNER', participation: 'THIRD_PARTY', netEcContribution: 528340.97, order: 2 },
    });
    expect(records[1]).toMatchObject({ shape: { type: 'HAS_PARTNER_IN' }, to: 'GR' });
    expect(partnershipRecords(organisation({ pic: '999900002', role: 'coordinator' }), countries)).toEqual([
      expect.objectContaining({ properties: expect.objectContaining({ role: 'COORDINATOR' }) }),
    ]);
  });
});

describe('outputId', () => {
  const row: PublicationRow = {
    projectId: '990000001',
    id: '990000001_1_DOI',
    title: 'Synthetic paper',
    doi: '10.9999/synthetic.2024.001',
    journal: null,
    year: 2024,
  };

  it("is the DOI's (one node per paper), else CORDIS's record id, else none", () => {
    expect(outputId(row)).toBe('doi-10-9999-synthetic-2024-001');
    expect(outputId({ ...row, doi: null })).toBe('cordis-publication-990000001-1-doi');
    expect(outputId({ ...row, doi: null, id: null })).toBeNull();
  });
});
