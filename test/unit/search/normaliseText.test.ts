// The search analyzer: folding, British to American spelling, stems and letter-digit names.

import {
  americanSpelling,
  analyseQuery,
  analyseText,
  foldText,
  stemOf,
} from '../../../src/search/normaliseText';

const stems = (text: string) => analyseText(text).map((word) => word.stem);

describe('foldText', () => {
  it('lower-cases, strips diacritics and keeps only letters, digits and single spaces', () => {
    expect(foldText('Münster / Œdème — São Paulo, Łódź; Straße')).toBe(
      'munster oedeme sao paulo lodz strasse',
    );
  });

  it('turns punctuation inside names into word breaks', () => {
    expect(foldText('JAK/STAT F.R.S.-FNRS PRE-CARE')).toBe('jak stat f r s fnrs pre care');
  });
});

describe('americanSpelling', () => {
  it.each([
    ['leukaemia', 'leukemia'],
    ['haematology', 'hematology'],
    ['haematological', 'hematological'],
    ['ischaemic', 'ischemic'],
    ['paediatric', 'pediatric'],
    ['oesophageal', 'esophageal'],
    ['oedema', 'edema'],
    ['diarrhoea', 'diarrhea'],
    ['foetal', 'fetal'],
    ['coeliac', 'celiac'],
    ['tumour', 'tumor'],
    ['tumours', 'tumors'],
    ['behaviour', 'behavior'],
    ['favourable', 'favorable'],
    ['personalised', 'personalized'],
    ['optimisation', 'optimization'],
    ['organisations', 'organizations'],
    ['catalysed', 'catalyzed'],
    ['centre', 'center'],
    ['programme', 'program'],
    ['ageing', 'aging'],
  ])('spells %s as %s', (british, american) => {
    expect(americanSpelling(british)).toBe(american);
  });

  it.each(['four', 'hour', 'your', 'our', 'shoe', 'poet', 'does', 'disease', 'is', 'this'])(
    'leaves %s alone, which has a different American twin or none',
    (word) => {
      expect(americanSpelling(word)).toBe(word);
    },
  );

  it('leaves American spelling as it is', () => {
    for (const word of ['leukemia', 'tumor', 'optimization', 'esophageal', 'pediatric'])
      expect(americanSpelling(word)).toBe(word);
  });
});

describe('stemOf', () => {
  it('gives singular and plural, and adjective and noun, one stem', () => {
    expect(stemOf('cancers')).toBe(stemOf('cancer'));
    expect(stemOf('economics')).toBe(stemOf('economic'));
    expect(stemOf('pharmacogenomics')).toBe(stemOf('pharmacogenomic'));
  });

  it('keeps numbers and letter-digit codes whole', () => {
    expect(stemOf('2024')).toBe('2024');
    expect(stemOf('jtc2024')).toBe('jtc2024');
  });
});

describe('analyseText', () => {
  it('gives British and American spellings and both numbers the same stems', () => {
    expect(stems('Leukaemias and tumours')).toEqual(stems('leukemia and tumor'));
    expect(stems('Haematological optimisation')).toEqual(stems('hematological optimizations'));
  });

  it('follows a letter-digit name by its parts, so that "JTC 2024" is a phrase of the text', () => {
    expect(stems('JTC2024 PMTargets')).toEqual(['jtc2024', 'jtc', '2024', 'pmtarget']);
  });

  it('keeps the unstemmed American word beside the stem', () => {
    expect(analyseText('Tumours')).toEqual([{ word: 'tumors', stem: 'tumor' }]);
  });
});

describe('analyseQuery', () => {
  it('does not split letter-digit words, which the index holds whole and split', () => {
    expect(analyseQuery('jtc2024').map((word) => word.stem)).toEqual(['jtc2024']);
    expect(analyseQuery('JTC 2024').map((word) => word.stem)).toEqual(['jtc', '2024']);
  });

  it('returns no word for punctuation only', () => {
    expect(analyseQuery('&& || !')).toEqual([]);
  });
});
