// Recognising a CORDIS file by its header's column names, never their positions.

import { CORDIS_FILES, recogniseHeader } from '../../../../src/connectors/cordis/cordisFormat';

const HORIZON_PROJECT_HEADER =
  'id;acronym;status;title;startDate;endDate;totalCost;ecMaxContribution;legalBasis;topics;ecSignatureDate;frameworkProgramme;masterCall;subCall;fundingScheme;nature;objective;contentUpdateDate;rcn;grantDoi'.split(
    ';',
  );

describe('recogniseHeader', () => {
  it("recognises Horizon Europe's project header and gives each column its position", () => {
    const index = recogniseHeader(CORDIS_FILES.project, HORIZON_PROJECT_HEADER);
    expect(index).toBeInstanceOf(Map);
    expect((index as Map<string, number>).get('objective')).toBe(16);
  });

  it('recognises the same columns in another order, with an optional column added (keywords)', () => {
    const reordered = ['keywords', ...[...HORIZON_PROJECT_HEADER].reverse()];
    const index = recogniseHeader(CORDIS_FILES.project, reordered) as Map<string, number>;
    expect(index.get('keywords')).toBe(0);
    expect(index.get('id')).toBe(reordered.length - 1);
  });

  it('names the missing, unknown and repeated columns of a header it does not know', () => {
    const header = [...HORIZON_PROJECT_HEADER.filter((name) => name !== 'title'), 'budget', 'rcn'];
    expect(recogniseHeader(CORDIS_FILES.project, header)).toBe(
      'not a known CORDIS project.csv header: missing column "title"; unknown column "budget"; repeated column "rcn"',
    );
  });

  it("refuses one file's header for another (organization.csv's for project.csv)", () => {
    expect(
      recogniseHeader(CORDIS_FILES.project, ['projectID', 'organisationID', 'name', 'country', 'role']),
    ).toMatch(/^not a known CORDIS project\.csv header: missing columns "id", "acronym"/);
  });
});
