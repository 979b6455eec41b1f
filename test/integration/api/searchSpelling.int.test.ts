// Search and the lists' `text` filters understand spelling: British and American forms, singular
// and plural, accents, calls by id, JTC name and year, and phrases ranked above single words.
// Expected records are read from the seed files, not typed in.

import type { SeedDataset } from '../../../src/model';
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
}

async function search(text: string, kinds?: string[]): Promise<Hit[]> {
  const result = await api.data<{ search: Hit[] }>(
    'query ($text: String!, $kinds: [EntityKind!]) { search(text: $text, kinds: $kinds, first: 100) { kind id label } }',
    { text, kinds },
  );
  return result.search;
}
const ids = async (text: string, kinds?: string[]) => (await search(text, kinds)).map((hit) => hit.id).sort();

async function projectIdsWithText(text: string): Promise<string[]> {
  const result = await api.data<{ projects: { nodes: Array<{ id: string }> } }>(
    'query ($text: String!) { projects(filter: {text: $text}, first: 100) { nodes { id } } }',
    { text },
  );
  return result.projects.nodes.map((node) => node.id).sort();
}

/** Projects whose stored text holds one of `forms` as written in the seeds (any case). */
function projectsMentioning(...forms: string[]): string[] {
  return seeds.projects
    .filter((project) => {
      const text = [
        project.acronym,
        project.title,
        project.diseaseArea,
        project.description,
        ...project.keywords,
      ]
        .join(' ')
        .toLowerCase();
      return forms.some((form) => text.includes(form));
    })
    .map((project) => project.id)
    .sort();
}

describe('spelling variants give the same records', () => {
  it.each([
    ['leukemia', 'leukaemia'],
    ['hematology', 'haematology'],
    ['ischemic', 'ischaemic'],
    ['tumor', 'tumour'],
    ['pediatric', 'paediatric'],
    ['optimization', 'optimisation'],
    ['personalized medicine', 'personalised medicine'],
  ])('when "%s" and "%s" are searched, then both find the same non-empty set', async (american, british) => {
    const found = await ids(american);
    expect(found.length).toBeGreaterThan(0);
    expect(await ids(british)).toEqual(found);
  });

  it('when "leukemia" is searched, then every project whose seeds say leukaemia is found', async () => {
    const expected = projectsMentioning('leukaemia', 'leukemia');
    expect(expected.length).toBeGreaterThan(3);
    expect(await ids('leukemia', ['PROJECT'])).toEqual(expect.arrayContaining(expected));
  });

  it.each([
    ['cancer', 'cancers'],
    ['pharmacogenomic', 'pharmacogenomics'],
    ['biomarker', 'biomarkers'],
  ])(
    'when the singular "%s" and the plural "%s" are searched, then both find the same records',
    async (one, many) => {
      const found = await ids(one);
      expect(found.length).toBeGreaterThan(0);
      expect(await ids(many)).toEqual(found);
    },
  );

  it('when "pharmacogenomics" is searched, then the JTC2025 call and the pharmacogenomics gap are found', async () => {
    const call = seeds.calls.find((c) => /pharmacogenomic/i.test(`${c.title} ${c.shortTitle ?? ''}`))!;
    const gap = seeds.knowledgeGaps.find((g) => /pharmacogenomic/i.test(g.shortName))!;
    expect(await ids('pharmacogenomics')).toEqual(expect.arrayContaining([call.id, gap.id]));
  });

  it('when a word is typed with accents, then it finds what the plain word finds', async () => {
    expect(await ids('Léukaemia')).toEqual(await ids('leukemia'));
  });
});

describe('calls by id, JTC name, year and short title', () => {
  const jtc2024 = () => seeds.calls.find((call) => call.id === 'jtc2024')!;

  it.each(['JTC2024', 'jtc2024', 'JTC 2024', 'jtc 2024'])(
    'when %p is searched, then the JTC2024 call is the best hit',
    async (text) => {
      const [best] = await search(text);
      expect(best).toMatchObject({ kind: 'CALL', id: 'jtc2024', label: jtc2024().shortTitle });
    },
  );

  it('when the short title is searched, then the call is the best hit', async () => {
    const [best] = await search(jtc2024().shortTitle!);
    expect(best?.id).toBe('jtc2024');
  });

  it('when a year is searched among calls, then every call of that year is found', async () => {
    const expected = seeds.calls.filter((call) => call.year === 2025).map((call) => call.id);
    expect(expected.length).toBeGreaterThan(1);
    expect(await ids('2025', ['CALL'])).toEqual(expect.arrayContaining(expected));
  });
});

describe('ranking', () => {
  it('when "health economics" is searched, then the health-economic gap ranks first', async () => {
    const gap = seeds.knowledgeGaps.find((g) => /^health-economic/i.test(g.shortName))!;
    const [best] = await search('health economics');
    expect(best).toMatchObject({ kind: 'KNOWLEDGE_GAP', id: gap.id });
  });

  it('when two words are searched, then a record holding the phrase ranks above one holding a single word', async () => {
    const hits = await search('digital health');
    const phrase = hits.findIndex((hit) => /digital health/i.test(hit.label));
    const single = hits.findIndex((hit) => /health/i.test(hit.label) && !/digital/i.test(hit.label));
    expect(phrase).toBeGreaterThanOrEqual(0);
    if (single >= 0) expect(phrase).toBeLessThan(single);
  });
});

describe("the lists' text filter uses the same analyzer", () => {
  it.each([
    ['leukemia', 'leukaemia'],
    ['tumor', 'Tumours'],
    ['cancer', 'cancers'],
  ])(
    'when projects are filtered by "%s" and by "%s", then both give the same non-empty list',
    async (one, other) => {
      const found = await projectIdsWithText(one);
      expect(found.length).toBeGreaterThan(0);
      expect(await projectIdsWithText(other)).toEqual(found);
    },
  );

  it('when projects are filtered by "leukemia", then they are the projects whose seeds say leukaemia', async () => {
    expect(await projectIdsWithText('leukemia')).toEqual(
      expect.arrayContaining(projectsMentioning('leukaemia', 'leukemia')),
    );
  });

  it('when calls are filtered by "jtc 2024", then the JTC2024 call is among them', async () => {
    const result = await api.data<{ calls: { nodes: Array<{ id: string }> } }>(
      '{ calls(filter: {text: "jtc 2024"}) { nodes { id } } }',
    );
    expect(result.calls.nodes.map((node) => node.id)).toEqual(['jtc2024']);
  });
});
