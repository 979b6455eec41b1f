// The flood of `npm run bench:memory`: request `i` is a query text no other request sends (an
// alias carries its index), shaped as clients that inline their values write them: records by id,
// filtered and nested pages, search, funders by country, gap counts and, now and then, a network.
// Pure: the same index gives the same request.

import type { SeedDataset } from '../src/model';

/** What the flood's texts are made from: ids and words of the served graph. */
export interface FloodVocabulary {
  projectIds: readonly string[];
  countryCodes: readonly string[];
  /** Words of project titles, for `text` filters and search. */
  words: readonly string[];
}

/** One request: a query text, no variables (every value is inlined, as in the flood). */
export interface FloodRequest {
  family: string;
  query: string;
}

/** The vocabulary of a seed dataset: its project ids, its funders' countries and the words (5 letters or more) of its titles. */
export function floodVocabulary(seeds: Pick<SeedDataset, 'projects' | 'funders'>): FloodVocabulary {
  const words = new Set<string>();
  for (const project of seeds.projects) {
    for (const word of (project.title ?? '').toLowerCase().split(/[^a-z]+/))
      if (word.length >= 5) words.add(word);
  }
  return {
    projectIds: seeds.projects.map((project) => project.id),
    countryCodes: [...new Set(seeds.funders.flatMap((funder) => funder.countryCode ?? []))].sort(),
    words: [...words].sort(),
  };
}

function pick<T>(items: readonly T[], index: number): T {
  if (items.length === 0) throw new TypeError('floodRequest expects a non-empty vocabulary list');
  return items[index % items.length]!;
}

/** The shapes, in turn; a network every 16th request (analytics are computed per distinct argument set). */
const FAMILIES: ReadonlyArray<(i: number, v: FloodVocabulary) => FloodRequest> = [
  (i, v) => ({
    family: 'by id',
    query: `{ p${i}: project(id: "${pick(v.projectIds, i)}") { id acronym title year fundingEur
  call { shortTitle year } funders { acronym country { name } } } }`,
  }),
  (i, v) => ({
    family: 'filtered page',
    query: `{ l${i}: projects(first: ${1 + (i % 50)}, filter: { text: "${pick(v.words, i)}" }) { totalCount
  nodes { acronym year partners { role organisation { name country { code } } } } } }`,
  }),
  (i, v) => ({
    family: 'search',
    query: `{ s${i}: search(text: "${pick(v.words, i * 7)}", first: ${1 + (i % 20)}) { kind label score } }`,
  }),
  (i, v) => ({
    family: 'funders by country',
    query: `{ f${i}: funders(filter: { countries: ["${pick(v.countryCodes, i)}"] }, first: ${1 + (i % 10)}) {
  nodes { acronym name calls { shortTitle year } } } }`,
  }),
  (i) => ({
    family: 'gap counts',
    query: `{ g${i}: knowledgeGaps(first: ${1 + (i % 40)}) { nodes { shortName
  projectCount(minConfidence: 0.${1 + (i % 9)}) stages { stage { name } } } } }`,
  }),
];

/** The flood's request number `index` (0-based). */
export function floodRequest(index: number, vocabulary: FloodVocabulary): FloodRequest {
  if (!Number.isInteger(index) || index < 0)
    throw new TypeError(`floodRequest expects a non-negative integer index, received ${index}`);
  if (index % 16 === 15) {
    return {
      family: 'network',
      query: `{ n${index}: collaborationNetwork(level: ORGANISATIONS, filter: { yearFrom: ${2018 + (index % 7)} },
  limit: ${10 + (index % 190)}) { nodeCount edgeCount nodes { id label } } }`,
    };
  }
  return FAMILIES[index % FAMILIES.length]!(index, vocabulary);
}
