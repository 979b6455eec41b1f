// Full-text search against the seeded graph: known records by name, acronym, keyword and
// alias, the kinds filter, ranking and the first limit, every Lucene special character
// and operator word taken literally, and the bounds of `text` and `first`.

import type { SeedDataset } from '../../../src/model';
import { expectBadUserInput } from '../../helpers/graphqlErrors';
import { seedData } from '../../helpers/seedExpectations';
import { useTestApi } from '../../helpers/useTestApi';

const api = useTestApi();
let seeds: SeedDataset;
beforeAll(async () => {
  seeds = await seedData();
});

interface Hit {
  kind: string;
  id: string;
  label: string;
  score: number;
  entity: { __typename: string; id: string };
}

// Entity is a union without a shared interface: each member is asked for its id.
const ENTITY_IDS = [
  'Programme',
  'Funder',
  'Call',
  'Project',
  'Organisation',
  'Country',
  'Region',
  'Objective',
  'ValueChainStage',
  'SriaArea',
  'KnowledgeGap',
]
  .map((type) => `... on ${type} { id }`)
  .join(' ');
const SEARCH_QUERY = `query Search($text: String!, $kinds: [EntityKind!], $first: Int) {
  search(text: $text, kinds: $kinds, first: $first) { kind id label score entity { __typename ${ENTITY_IDS} } }
}`;

async function search(text: string, options: { kinds?: string[]; first?: number } = {}): Promise<Hit[]> {
  return (await api.data<{ search: Hit[] }>(SEARCH_QUERY, { text, ...options })).search;
}

const KIND_OF_TYPE: Record<string, string> = {
  Programme: 'PROGRAMME',
  Funder: 'FUNDER',
  Call: 'CALL',
  Project: 'PROJECT',
  Organisation: 'ORGANISATION',
  Country: 'COUNTRY',
  Region: 'REGION',
  Objective: 'OBJECTIVE',
  ValueChainStage: 'VALUE_CHAIN_STAGE',
  SriaArea: 'SRIA_AREA',
  KnowledgeGap: 'KNOWLEDGE_GAP',
};

describe('finding known records', () => {
  it('when a project acronym is searched, then that project is the best hit, labelled by its acronym', async () => {
    const [best] = await search('PERMANENS');
    expect(best).toMatchObject({
      kind: 'PROJECT',
      id: 'project-permanens',
      label: 'PERMANENS',
      entity: { __typename: 'Project', id: 'project-permanens' },
    });
  });

  it('when an organisation name is searched, then that organisation is the best hit, labelled by its name', async () => {
    const [best] = await search('Karolinska');
    expect(best).toMatchObject({
      kind: 'ORGANISATION',
      id: 'org-karolinska-institutet',
      label: 'Karolinska Institutet',
    });
  });

  it('when a funder acronym is searched in lower case, then that funder is found', async () => {
    const hits = await search('isciii', { kinds: ['FUNDER'] });
    expect(hits[0]).toMatchObject({ kind: 'FUNDER', id: 'isciii-es', label: 'ISCIII' });
  });

  it('when a keyword is searched, then every project with that keyword is among the hits', async () => {
    const withKeyword = seeds.projects
      .filter((p) => p.keywords.some((k) => k.toLowerCase() === 'pharmacogenomics'))
      .map((p) => p.id);
    expect(withKeyword.length).toBeGreaterThan(1);
    const hits = await search('pharmacogenomics', { kinds: ['PROJECT'], first: 100 });
    expect(hits.map((hit) => hit.id)).toEqual(expect.arrayContaining(withKeyword));
  });

  it('when a word found only in an alias is searched, then the organisation with that alias is found', async () => {
    const organisation = seeds.organisations.find((o) => o.aliases.some((a) => a.includes('Gagneur')))!;
    expect(organisation.name).not.toContain('Gagneur');
    const hits = await search('Gagneur');
    expect(hits.map((hit) => hit.id)).toContain(organisation.id);
  });

  it('when a word is typed partly, then records starting with it are found (search as you type)', async () => {
    const hits = await search('Karolin');
    expect(hits.map((hit) => hit.id)).toContain('org-karolinska-institutet');
  });

  it.each([
    ['JAK/STAT', 'project-jakstat-target'],
    ['PRE-CARE', 'project-pre-care-ml'],
    ['CatSalut/DS', 'catsalut-es-ct'],
    ['F.R.S.-FNRS', 'fnrs-be'],
  ])(
    'when text with special characters (%p) is searched, then it is taken literally and finds %s',
    async (text, id) => {
      expect((await search(text)).map((hit) => hit.id)).toContain(id);
    },
  );

  it.each([
    ['a region', 'Navarre', 'REGION', 'es-navarre'],
    ['a country by name', 'Slovenia', 'COUNTRY', 'SI'],
    ['a call by short title', 'PMTargets', 'CALL', 'jtc2024'],
    ['an SRIA area', 'Implementation', 'SRIA_AREA', 'area-implementation'],
    ['a value-chain stage', 'translational', 'VALUE_CHAIN_STAGE', 'vc-translational-research'],
    ['a knowledge gap', 'interoperability', 'KNOWLEDGE_GAP', 'gap-data-interoperability'],
    ['an objective', 'leadership', 'OBJECTIVE', 'obj-01'],
    ['a programme', 'ICPerMed', 'PROGRAMME', 'icpermed-programme'],
  ])('when %s is searched (%p), then it is found with kind %s', async (_, text, kind, id) => {
    const hits = await search(text, { kinds: [kind] });
    expect(hits.map((hit) => hit.id)).toContain(id);
  });

  it('when a hit is a country, then its id is the country code and its entity is the Country', async () => {
    const [hit] = await search('Slovenia', { kinds: ['COUNTRY'] });
    expect(hit).toEqual({
      kind: 'COUNTRY',
      id: 'SI',
      label: 'Slovenia',
      score: expect.any(Number),
      entity: { __typename: 'Country', id: 'SI' },
    });
  });

  it('when a search has hits, then each hit names its kind, id and entity consistently', async () => {
    const hits = await search('personalised medicine', { first: 100 });
    expect(hits.length).toBeGreaterThan(10);
    for (const hit of hits) {
      expect(hit.entity.id).toBe(hit.id);
      expect(KIND_OF_TYPE[hit.entity.__typename]).toBe(hit.kind);
      expect(hit.label.length).toBeGreaterThan(0);
    }
  });
});

describe('kinds, ranking and first', () => {
  it('when kinds are given, then only hits of those kinds come back, and some do', async () => {
    const all = await search('pharmacogenomic', { first: 100 });
    expect(new Set(all.map((hit) => hit.kind)).size).toBeGreaterThan(1);
    const projects = await search('pharmacogenomic', { kinds: ['PROJECT'], first: 100 });
    expect(projects.length).toBeGreaterThan(0);
    expect(projects.every((hit) => hit.kind === 'PROJECT')).toBe(true);
    expect(projects.map((hit) => hit.id)).toEqual(
      all.filter((hit) => hit.kind === 'PROJECT').map((hit) => hit.id),
    );
  });

  it('when several kinds are given, then hits of any of them come back', async () => {
    const hits = await search('research', { kinds: ['FUNDER', 'KNOWLEDGE_GAP'], first: 100 });
    expect(new Set(hits.map((hit) => hit.kind))).toEqual(new Set(['FUNDER', 'KNOWLEDGE_GAP']));
  });

  it('when hits come back, then their scores never increase', async () => {
    const hits = await search('personalised medicine data', { first: 100 });
    expect(hits.length).toBeGreaterThan(10);
    const scores = hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('when first is given, then at most that many hits come back, the best of the longer list', async () => {
    const many = await search('personalised', { first: 50 });
    expect(many.length).toBeGreaterThan(5);
    const few = await search('personalised', { first: 5 });
    expect(few.map((hit) => hit.id)).toEqual(many.slice(0, 5).map((hit) => hit.id));
  });

  it('when first is left out, then at most the default page size of hits come back', async () => {
    const all = await search('personalised', { first: 100 });
    expect(all.length).toBeGreaterThan(api.database.config.defaultPageSize);
    expect(await search('personalised')).toHaveLength(api.database.config.defaultPageSize);
  });

  it.each([101, -1])('when first is %p, then BAD_USER_INPUT names "first"', async (first) => {
    expectBadUserInput(await api.execute(SEARCH_QUERY, { text: 'medicine', first }), 'first');
  });
});

describe('Lucene syntax taken literally', () => {
  const SPECIALS = [
    '+',
    '-',
    '&&',
    '||',
    '!',
    '(',
    ')',
    '{',
    '}',
    '[',
    ']',
    '^',
    '"',
    '~',
    '*',
    '?',
    ':',
    '\\',
    '/',
  ];
  const OPERATORS = ['AND', 'OR', 'NOT', 'TO'];
  const OTHERS = [
    '&',
    '|',
    '<',
    '>',
    '=',
    "'",
    '%',
    '#',
    '@',
    '–',
    '…',
    '\\\\',
    '""',
    '((',
    '*:*',
    '[* TO *]',
    '{!x}',
    '/.*/',
    'a~2',
    'medicine^10',
    '\u0000',
    'medicine\u0000data',
    '😀',
    'é'.repeat(200),
    '\\'.repeat(200),
    'AND '.repeat(50).trim(),
  ];

  const texts = [
    ...SPECIALS.flatMap((c) => [c, `per${c}med`, `${c}medicine`, `medicine${c}`, `${c} medicine ${c}`]),
    ...OPERATORS.flatMap((word) => [word, `${word} medicine`, `medicine ${word}`, `medicine ${word} data`]),
    ...OTHERS,
    SPECIALS.join(''),
    SPECIALS.join(' '),
    OPERATORS.join(' '),
  ];

  // Titles show the text as JSON so that control characters stay printable.
  it.each(texts.map((text) => [JSON.stringify(text).slice(0, 60), text]))(
    'when the text is %s, then search answers without an error',
    async (_, text) => {
      const result = await api.execute<{ search: Hit[] }>(SEARCH_QUERY, { text });
      expect(result.errors).toBeUndefined();
      expect(Array.isArray(result.data?.search)).toBe(true);
    },
  );

  it('when an operator word is searched with another word, then it is a plain word and does not exclude hits', async () => {
    // "NOT medicine" as Lucene syntax would exclude every medicine hit.
    const plain = await search('medicine', { first: 100 });
    const withNot = await search('NOT medicine', { first: 100 });
    expect(plain.length).toBeGreaterThan(0);
    expect(withNot.map((hit) => hit.id)).toEqual(expect.arrayContaining(plain.map((hit) => hit.id)));
  });

  it('when only punctuation is searched, then the answer is empty, not an error', async () => {
    expect(await search('+-&&||!(){}[]^"~*?:\\/')).toEqual([]);
  });
});

describe('bounds of text', () => {
  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['only whitespace of several kinds', ' \t\n '],
    ['201 characters', 'x'.repeat(201)],
  ])('when the text is %s, then BAD_USER_INPUT names "text"', async (_, text) => {
    const result = await api.execute(SEARCH_QUERY, { text });
    expectBadUserInput(result, 'text');
    expect(result.data).toBeNull();
  });

  it('when the text is 200 characters, then it is searched', async () => {
    const result = await api.execute(SEARCH_QUERY, { text: `${'medicine '.repeat(22)}medi`.slice(0, 200) });
    expect(result.errors).toBeUndefined();
  });
});
