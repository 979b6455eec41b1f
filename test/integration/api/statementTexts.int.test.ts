// Requests of one shape send one set of Cypher texts, whatever their aliases and inlined values:
// Neo4j keeps plans by statement text (its query cache), so a text per request is planned anew
// each time. The shapes are those of bench:memory's flood (issue 20 item 6), where a text per
// request cost Neo4j about 85 ms of CPU per request on the seed graph.

import { floodRequest, floodVocabulary } from '../../../bench/memoryFlood';
import { seedData } from '../../helpers/seedExpectations';
import { useTestApi } from '../../helpers/useTestApi';

const api = useTestApi();

/** The distinct Cypher texts `query` sends, sorted. */
async function textsOf(query: string): Promise<string[]> {
  api.resetQueryLog();
  const result = await api.execute(query);
  expect(result.errors).toBeUndefined();
  return [...new Set(api.queryLog.map((event) => event.cypher))].sort();
}

/** Flood indices of one family: 5 apart (the families' cycle), skipping every 16th (networks). */
function familyIndices(first: number): number[] {
  const indices: number[] = [];
  for (let index = first; indices.length < 4; index += 5) if (index % 16 !== 15) indices.push(index);
  return indices;
}

describe('statement texts of shape-equal requests', () => {
  const families = [0, 1, 2, 3, 4].map((first) => [first] as const);

  it.each(families)(
    'when flood requests of family %i differ only by alias and inlined values, then they send the same Cypher texts',
    async (first) => {
      const vocabulary = floodVocabulary(await seedData());
      const [reference, ...others] = familyIndices(first);
      const expected = await textsOf(floodRequest(reference!, vocabulary).query);
      expect(expected.length).toBeGreaterThan(0);
      for (const index of others)
        expect(await textsOf(floodRequest(index, vocabulary).query)).toEqual(expected);
    },
  );

  it('when flood networks differ only by alias and inlined values, then they send the same Cypher texts', async () => {
    const vocabulary = floodVocabulary(await seedData());
    const [reference, ...others] = [15, 31, 47, 63].map((index) => floodRequest(index, vocabulary).query);
    const expected = await textsOf(reference!);
    expect(expected.length).toBeGreaterThan(0);
    for (const query of others) expect(await textsOf(query)).toEqual(expected);
  });

  it('when one selection is written with different aliases at every level, then it sends the same Cypher text', async () => {
    const a = await textsOf(`{ a: projects(first: 3, filter: { text: "cancer" }) {
      nodes { x: acronym partners { r: role organisation { n: name country { c: code } } } gaps(minConfidence: 0.4) { gap { id } } } } }`);
    const b = await textsOf(`{ b: projects(first: 3, filter: { text: "cancer" }) {
      nodes { y: acronym partners { s: role organisation { m: name country { d: code } } } gaps(minConfidence: 0.4) { gap { id } } } } }`);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });
});
