import {
  IdentityIndex,
  matchOrganisation,
  MATCH_THRESHOLD,
  type MatchRequest,
} from '../../../src/connectors/organisationMatcher';

const index = new IdentityIndex([
  {
    label: 'Organisation',
    candidate: {
      id: 'org-charite',
      name: 'Charité – Universitätsmedizin Berlin',
      countryCode: 'DE',
      aliases: [],
      acronyms: [],
    },
  },
  {
    label: 'Organisation',
    candidate: {
      id: 'org-idibell',
      name: 'Bellvitge Biomedical Research Institute (IDIBELL)',
      countryCode: 'ES',
      aliases: ['IDIBELL Barcelona'],
      acronyms: [],
    },
  },
  {
    label: 'Funder',
    candidate: {
      id: 'anr-fr',
      name: 'Agence Nationale de la Recherche',
      countryCode: 'FR',
      aliases: [],
      acronyms: ['ANR'],
    },
  },
  {
    label: 'Organisation',
    candidate: {
      id: 'org-karolinska',
      name: 'Karolinska Institutet',
      countryCode: 'SE',
      aliases: [],
      acronyms: [],
      identifiers: ['ROR:https://ror.org/0zzzzz001', 'PIC:999900001'],
    },
  },
  {
    label: 'Organisation',
    candidate: { id: 'org-twin-a', name: 'Institute of Twins', countryCode: 'IT', aliases: [], acronyms: [] },
  },
  {
    label: 'Organisation',
    candidate: { id: 'org-twin-b', name: 'Institute of Twins', countryCode: 'IT', aliases: [], acronyms: [] },
  },
]);

function request(overrides: Partial<MatchRequest>): MatchRequest {
  return { labels: ['Organisation', 'Funder'], names: [], countryCode: 'DE', identifiers: [], ...overrides };
}

describe('matchOrganisation', () => {
  it('takes a record that carries the row identifier, before any name, at score 1', () => {
    const outcome = matchOrganisation(
      request({
        identifiers: ['PIC:999991722'],
        names: [{ value: 'Charité – Universitätsmedizin Berlin', kind: 'name' }],
      }),
      new Map([
        [
          'PIC:999991722',
          [{ label: 'Organisation' as const, id: 'org-other', name: 'Other', confidence: 1 }],
        ],
      ]),
      index,
    );
    expect(outcome).toEqual({
      kind: 'matched',
      match: { label: 'Organisation', id: 'org-other', name: 'Other', score: 1, reason: 'PIC:999991722' },
    });
  });

  it('scores a hit at the confidence of the assignment it reaches (an identifier an earlier name match gave)', () => {
    const outcome = matchOrganisation(
      request({ identifiers: ['ROR:https://ror.org/0zzzzz001'] }),
      new Map([
        [
          'ROR:https://ror.org/0zzzzz001',
          [{ label: 'Organisation' as const, id: 'org-x', name: 'X', confidence: 0.85 }],
        ],
      ]),
      index,
    );
    expect(outcome).toMatchObject({ kind: 'matched', match: { id: 'org-x', score: 0.85 } });
  });

  it('sends an identifier carried by two records to review (the graph holds a duplicate)', () => {
    const holders = [
      { label: 'Organisation' as const, id: 'org-a', name: 'A', confidence: 1 },
      { label: 'Organisation' as const, id: 'org-b', name: 'B', confidence: 1 },
    ];
    const outcome = matchOrganisation(
      request({ identifiers: ['PIC:999991722'] }),
      new Map([['PIC:999991722', holders]]),
      index,
    );
    expect(outcome).toMatchObject({ kind: 'review', reason: 'PIC:999991722 is carried by 2 records' });
  });

  it('matches the official name within the country, whatever its accents, dashes and case', () => {
    const outcome = matchOrganisation(
      request({ names: [{ value: 'charite universitatsmedizin berlin', kind: 'name' }] }),
      new Map(),
      index,
    );
    expect(outcome).toMatchObject({
      kind: 'matched',
      match: { id: 'org-charite', score: 0.95, reason: 'name' },
    });
  });

  it('does not match the same name in another country', () => {
    const outcome = matchOrganisation(
      request({
        countryCode: 'AT',
        names: [{ value: 'Charité – Universitätsmedizin Berlin', kind: 'name' }],
      }),
      new Map(),
      index,
    );
    expect(outcome).toEqual({ kind: 'none' });
  });

  it('matches an alias of the row against our name, and our alias against the row name, at the alias score', () => {
    const theirs = matchOrganisation(
      request({
        countryCode: 'ES',
        names: [
          { value: 'Bellvitge Institute for Biomedical Research', kind: 'name' },
          { value: 'Bellvitge Biomedical Research Institute (IDIBELL)', kind: 'alias' },
        ],
      }),
      new Map(),
      index,
    );
    expect(theirs).toMatchObject({ kind: 'matched', match: { id: 'org-idibell', score: 0.85 } });
    const ours = matchOrganisation(
      request({ countryCode: 'ES', names: [{ value: 'IDIBELL Barcelona', kind: 'name' }] }),
      new Map(),
      index,
    );
    expect(ours).toMatchObject({ kind: 'matched', match: { id: 'org-idibell', score: 0.95 } });
  });

  it('sends a match by acronym alone to review, below the threshold', () => {
    const outcome = matchOrganisation(
      request({
        countryCode: 'FR',
        names: [
          { value: 'Some Other Agency', kind: 'name' },
          { value: 'ANR', kind: 'acronym' },
        ],
      }),
      new Map(),
      index,
    );
    expect(outcome).toMatchObject({ kind: 'review', candidates: [{ id: 'anr-fr', score: 0.6 }] });
    expect(0.6).toBeLessThan(MATCH_THRESHOLD);
  });

  it('sends two records of one name in one country to review instead of guessing', () => {
    const outcome = matchOrganisation(
      request({ countryCode: 'IT', names: [{ value: 'Institute of Twins', kind: 'name' }] }),
      new Map(),
      index,
    );
    expect(outcome).toMatchObject({
      kind: 'review',
      candidates: [{ id: 'org-twin-a' }, { id: 'org-twin-b' }],
    });
  });

  it('looks only at the labels the request names', () => {
    const outcome = matchOrganisation(
      request({
        labels: ['Organisation'],
        countryCode: 'FR',
        names: [{ value: 'Agence Nationale de la Recherche', kind: 'name' }],
      }),
      new Map(),
      index,
    );
    expect(outcome).toEqual({ kind: 'none' });
  });

  it('refuses a name match to a record that holds another ROR id than the row gives, naming both', () => {
    const outcome = matchOrganisation(
      request({
        countryCode: 'SE',
        names: [{ value: 'Karolinska Institutet', kind: 'name' }],
        identifiers: ['ROR:https://ror.org/0zzzzz999'],
      }),
      new Map(),
      index,
    );
    expect(outcome).toEqual({
      kind: 'review',
      candidates: [
        {
          label: 'Organisation',
          id: 'org-karolinska',
          name: 'Karolinska Institutet',
          score: 0.95,
          reason: 'name',
        },
      ],
      reason:
        'Organisation:org-karolinska matches by name but holds ROR:https://ror.org/0zzzzz001, the row gives ROR:https://ror.org/0zzzzz999',
    });
  });

  it('refuses a name match to a record that holds another PIC, and takes one whose ROR the row gives too', () => {
    const otherPic = matchOrganisation(
      request({
        countryCode: 'SE',
        names: [{ value: 'Karolinska Institutet', kind: 'name' }],
        identifiers: ['PIC:999900002'],
      }),
      new Map(),
      index,
    );
    expect(otherPic).toMatchObject({ kind: 'review', reason: expect.stringMatching(/holds PIC:999900001/) });
    const sameRor = matchOrganisation(
      request({
        countryCode: 'SE',
        names: [{ value: 'Karolinska Institutet', kind: 'name' }],
        // A GRID id is no single-valued scheme: another record's GRID is no conflict.
        identifiers: ['ROR:https://ror.org/0zzzzz001', 'GRID:grid.4714.6'],
      }),
      new Map(),
      index,
    );
    expect(sameRor).toMatchObject({ kind: 'matched', match: { id: 'org-karolinska' } });
  });

  it('matches nothing by name when the row has no country', () => {
    const outcome = matchOrganisation(
      request({
        countryCode: null,
        names: [{ value: 'Charité – Universitätsmedizin Berlin', kind: 'name' }],
      }),
      new Map(),
      index,
    );
    expect(outcome).toEqual({ kind: 'none' });
  });
});

describe('IdentityIndex.setAcronyms', () => {
  const byShortName = (own: IdentityIndex, shortName: string) =>
    matchOrganisation(
      request({
        labels: ['Organisation'],
        names: [
          { value: 'Synthetic Other Institute', kind: 'name' },
          { value: shortName, kind: 'acronym' },
        ],
      }),
      new Map(),
      own,
    );

  it('finds a record by the short form a run wrote on it, and no longer by the one it replaced', () => {
    const own = new IdentityIndex([
      {
        label: 'Organisation',
        candidate: {
          id: 'org-pic-1',
          name: 'Synthetic Alpha',
          countryCode: 'DE',
          aliases: [],
          acronyms: ['SYNA'],
        },
      },
    ]);
    expect(byShortName(own, 'SYNA')).toMatchObject({ kind: 'review', candidates: [{ id: 'org-pic-1' }] });
    own.setAcronyms('Organisation', 'org-pic-1', ['SYNB']);
    expect(byShortName(own, 'SYNA')).toEqual({ kind: 'none' });
    expect(byShortName(own, 'SYNB')).toMatchObject({
      kind: 'review',
      candidates: [{ id: 'org-pic-1', score: 0.6, reason: 'acronym: SYNB' }],
    });
    own.setAcronyms('Organisation', 'org-pic-1', []);
    expect(byShortName(own, 'SYNB')).toEqual({ kind: 'none' });
  });

  it('keeps a name that is also the short form when the short form goes, and leaves unknown records alone', () => {
    const own = new IdentityIndex([
      {
        label: 'Organisation',
        candidate: { id: 'org-pic-2', name: 'SYNC', countryCode: 'DE', aliases: [], acronyms: ['SYNC'] },
      },
    ]);
    own.setAcronyms('Organisation', 'org-pic-2', []);
    own.setAcronyms('Organisation', 'org-unknown', ['SYNC']);
    expect(byShortName(own, 'SYNC')).toMatchObject({
      kind: 'review',
      candidates: [{ id: 'org-pic-2', score: 0.6 }],
    });
    expect(
      matchOrganisation(
        request({ labels: ['Organisation'], names: [{ value: 'SYNC', kind: 'name' }] }),
        new Map(),
        own,
      ),
    ).toMatchObject({ kind: 'matched', match: { id: 'org-pic-2', reason: 'name' } });
  });
});
