// existingIdsCypher and idCandidates: the id check seeks each given id, in the cases ids are
// stored in, through the label's id index; knownIdsCypher reads every id of a label.

import { existingIdsCypher, idCandidates, knownIdsCypher } from '../../../src/db/knownIds';
import type { EntityLabel } from '../../../src/db/models';

describe('idCandidates', () => {
  it('gives the id as typed (trimmed), lower-cased and upper-cased, each once', () => {
    expect(idCandidates(' JTC2024 ')).toEqual(['JTC2024', 'jtc2024']);
    expect(idCandidates('de')).toEqual(['de', 'DE']);
    expect(idCandidates('Mixed-Id')).toEqual(['Mixed-Id', 'mixed-id', 'MIXED-ID']);
  });
});

describe('existingIdsCypher', () => {
  it('seeks the given ids of each label by id, one branch and one parameter per label', () => {
    expect(existingIdsCypher(['Call', 'Country'])).toBe(
      "MATCH (n:Call) WHERE n.id IN $ids0 RETURN 'Call' AS label, collect(n.id) AS ids\n" +
        'UNION ALL\n' +
        "MATCH (n:Country) WHERE n.id IN $ids1 RETURN 'Country' AS label, collect(n.id) AS ids",
    );
  });

  it('refuses a label outside the model', () => {
    expect(() => existingIdsCypher(['Call) DETACH DELETE (n' as EntityLabel])).toThrow(TypeError);
  });
});

describe('knownIdsCypher', () => {
  it('reads every id of each label', () => {
    expect(knownIdsCypher(['Project'])).toBe(
      "MATCH (n:Project) RETURN 'Project' AS label, collect(n.id) AS ids",
    );
  });
});
