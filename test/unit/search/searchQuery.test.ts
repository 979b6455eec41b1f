// toLuceneQuery and textFilterTerms: any user text becomes analysed terms, never a syntax error.

import {
  NAME_BOOST,
  NAME_PHRASE_BOOST,
  TEXT_PHRASE_BOOST,
  textFilterTerms,
  toLuceneQuery,
} from '../../../src/search/searchQuery';
import { searchPropertiesOf } from '../../../src/search/searchProperties';

describe('toLuceneQuery', () => {
  it('searches one word as a stem in names and text, and as a prefix of a word', () => {
    expect(toLuceneQuery('Leukaemias')).toBe(
      `(searchName:leukemia^${NAME_BOOST} OR searchText:leukemia OR searchWords:leukemias*)`,
    );
  });

  it('adds the phrase of several words, boosted in names and in text', () => {
    const query = toLuceneQuery('health economics');
    expect(query).toContain(`searchName:"health econom"^${NAME_PHRASE_BOOST}`);
    expect(query).toContain(`searchText:"health econom"^${TEXT_PHRASE_BOOST}`);
  });

  it.each(['+', '-', '&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '"', '~', '*', '?', ':', '\\', '/'])(
    'leaves no Lucene syntax character (%s) in a term',
    (char) => {
      expect(toLuceneQuery(`a${char}b`)).toBe(toLuceneQuery('a b'));
    },
  );

  it('lower-cases the operator words so they are plain terms', () => {
    const query = toLuceneQuery('AND OR NOT TO') ?? '';
    for (const word of ['and', 'or', 'not', 'to']) expect(query).toContain(`searchText:${word} `);
    expect(query).not.toMatch(/:(AND|OR|NOT|TO)\b/);
  });

  it('returns null when only punctuation is left', () => {
    expect(toLuceneQuery('&& || !')).toBeNull();
    expect(toLuceneQuery('   ')).toBeNull();
  });
});

describe('textFilterTerms', () => {
  it('gives each word its American spelling and its stem', () => {
    expect(textFilterTerms('Paediatric tumours')).toEqual([
      { word: 'pediatric', stem: 'pediatr' },
      { word: 'tumors', stem: 'tumor' },
    ]);
  });
});

describe('searchPropertiesOf', () => {
  it('names a call by its id and year besides its titles', () => {
    const props = searchPropertiesOf('Call', {
      id: 'jtc2024',
      year: 2024,
      title: 'Joint Transnational Call',
      shortTitle: 'PMTargets',
    });
    expect(props.searchName.split(' ')).toEqual(
      expect.arrayContaining(['pmtarget', 'jtc2024', 'jtc', '2024']),
    );
  });

  it('keeps descriptions and keywords out of the names but in the text', () => {
    const props = searchPropertiesOf('Project', {
      acronym: 'HOPE',
      keywords: ['precision haematology'],
      description: 'Tumours',
    });
    expect(props.searchName).toBe('hope');
    expect(props.searchText).toBe('hope precis hematolog tumor');
    expect(props.searchWords).toBe('hope precision hematology tumors');
  });

  it('keeps the acronym folded for lookups, and none without an acronym', () => {
    expect(searchPropertiesOf('Funder', { acronym: 'BMBF / BMFTR' }).searchAcronym).toBe('bmbf bmftr');
    expect(searchPropertiesOf('Funder', { acronym: 'CatSalut/DS' }).searchAcronym).toBe(
      searchPropertiesOf('Funder', { acronym: 'catsalut-ds' }).searchAcronym,
    );
    expect(searchPropertiesOf('Project', { acronym: '—' }).searchAcronym).toBeNull();
    expect(searchPropertiesOf('Organisation', { name: 'Lund University' }).searchAcronym).toBeNull();
  });

  it('adds extra text such as disease-area names to the text only', () => {
    const props = searchPropertiesOf('Project', { acronym: 'X' }, ['Neoplasms', 'cancer']);
    expect(props.searchText).toBe('x neoplasm cancer');
    expect(props.searchName).toBe('x');
  });
});
