// Every saved playground example that shows an index, a share, a score or a ranking also shows
// what it rests on (issue 19 item 6): the lowSupport flag of the record the figure belongs to
// (or of the node a ranking names) and the coverage block of the answer, so that a figure
// resting on one project ("Portfolio of a funder": activity index 4.5 from one project) is
// never shown bare. Walked over the schema, so a new example or a new figure is held to it.

import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  isCompositeType,
  isObjectType,
  Kind,
  parse,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { PLAYGROUND_EXAMPLES } from '../../../src/http/examples';
import { loadTypeDefs } from '../../../src/schema';

const schema = buildSchema(loadTypeDefs().join('\n'));

/** Fields that state an index, a share, a score or a place in a ranking. */
const FIGURES = new Set([
  'rank',
  'score',
  'share',
  'ecosystemShare',
  'activityIndex',
  'ratio',
  'residual',
  'similarity',
  'proximity',
  'proximityNormalised',
  'betweenness',
  'pageRank',
  'degreeCentrality',
  'weightedDegree',
]);

interface Walked {
  /** A figure is selected here or anywhere below. */
  figure: boolean;
  /** lowSupport is selected directly in this selection set. */
  lowSupport: boolean;
}

function hasField(type: GraphQLCompositeType, name: string): boolean {
  return isObjectType(type) && name in type.getFields();
}

/** The example's bare figures, as "Type.field: what is missing" lines; empty when none is bare. */
function bareFigures(target: GraphQLSchema, query: string): string[] {
  const problems: string[] = [];
  const walk = (set: SelectionSetNode, type: GraphQLCompositeType, path: string): Walked => {
    const selected = new Map<string, Walked | null>();
    let figureHere = false;
    let figureBelow = false;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? target.getType(selection.typeCondition.name.value) : type;
        if (on && isCompositeType(on)) figureBelow ||= walk(selection.selectionSet, on, path).figure;
        continue;
      }
      if (selection.kind !== Kind.FIELD || !isObjectType(type)) continue;
      const name = selection.name.value;
      const definition = type.getFields()[name];
      if (!definition) throw new TypeError(`${type.name} has no field ${name}`);
      const fieldType = getNamedType(definition.type);
      if (selection.selectionSet && isCompositeType(fieldType)) {
        const child = walk(selection.selectionSet, fieldType, `${path}.${selection.alias?.value ?? name}`);
        selected.set(name, child);
        figureBelow ||= child.figure;
      } else {
        selected.set(name, null);
        if (FIGURES.has(name)) figureHere = true;
      }
    }
    if (figureHere && hasField(type, 'lowSupport') && !selected.has('lowSupport')) {
      problems.push(`${path} (${type.name}): shows a figure without lowSupport`);
    }
    if (figureHere && !hasField(type, 'lowSupport') && isObjectType(type)) {
      // A ranking entry without a flag of its own: the record it ranks carries it.
      for (const [name, child] of selected) {
        const childType = getNamedType(type.getFields()[name]!.type);
        if (child && isCompositeType(childType) && hasField(childType, 'lowSupport') && !child.lowSupport)
          problems.push(`${path}.${name} (${childType.name}): is ranked without its lowSupport`);
      }
    }
    const figure = figureHere || figureBelow;
    if (figure && hasField(type, 'coverage')) {
      const coverage = set.selections.find(
        (s) => s.kind === Kind.FIELD && s.name.value === 'coverage' && s.selectionSet,
      );
      const shown =
        coverage?.kind === Kind.FIELD &&
        coverage.selectionSet?.selections.some(
          (s) => s.kind === Kind.FIELD && ['lowSupport', 'explanation'].includes(s.name.value),
        );
      if (!shown)
        problems.push(`${path} (${type.name}): shows figures without coverage { lowSupport explanation }`);
    }
    return { figure, lowSupport: selected.has('lowSupport') };
  };
  const document = parse(query);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const operation = definition as OperationDefinitionNode;
    walk(operation.selectionSet, schema.getQueryType()!, operation.name?.value ?? 'query');
  }
  return problems;
}

describe('bareFigures', () => {
  it('finds the bare activity index of issue 19 and passes the same query with its flags', () => {
    const bare = `{ portfolioProfile(subject: FUNDER, id: "bmbf-de") {
      gaps { mostRepresented { label count activityIndex } } } }`;
    expect(bareFigures(schema, bare)).toEqual([
      'query.portfolioProfile.gaps.mostRepresented (ProfileEntry): shows a figure without lowSupport',
      'query.portfolioProfile (PortfolioProfile): shows figures without coverage { lowSupport explanation }',
    ]);
    const flagged = `{ portfolioProfile(subject: FUNDER, id: "bmbf-de") {
      gaps { mostRepresented { label count activityIndex lowSupport } } coverage { explanation } } }`;
    expect(bareFigures(schema, flagged)).toEqual([]);
  });

  it('asks a ranking entry without a flag of its own for the flag of the node it ranks', () => {
    const ranked = `{ cofundingNetwork { ranking(measure: PAGE_RANK) { rank node { label } } coverage { lowSupport } } }`;
    expect(bareFigures(schema, ranked)).toEqual([
      'query.cofundingNetwork.ranking.node (NetworkNode): is ranked without its lowSupport',
    ]);
  });

  it('leaves counts alone', () => {
    expect(bareFigures(schema, '{ knowledgeGaps { nodes { shortName projectCount } } }')).toEqual([]);
  });
});

describe('the saved playground examples', () => {
  it.each(PLAYGROUND_EXAMPLES.map((example) => [example.name, example.query] as const))(
    'when "%s" shows an index, a share or a ranking, then it shows lowSupport and the coverage beside it',
    (_, query) => {
      expect(bareFigures(schema, query)).toEqual([]);
    },
  );
});

describe('the GraphQL examples of README.md and docs/*.md', () => {
  const root = path.join(__dirname, '../../..');
  const files = [
    'README.md',
    ...fs
      .readdirSync(path.join(root, 'docs'))
      .filter((file) => file.endsWith('.md'))
      .map((file) => `docs/${file}`),
  ];
  const blocks = files.flatMap((file) =>
    [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/^```graphql\n([\s\S]*?)^```/gm)].map(
      (match, index) => [`${file} #${index + 1}`, match[1]!] as const,
    ),
  );

  it('reads the blocks the docs test runs, the ego network of docs/networks.md among them', () => {
    expect(blocks.map(([name]) => name)).toContain('docs/networks.md #1');
  });

  it.each(blocks)(
    'when %s shows an index, a share or a ranking, then it shows lowSupport and the coverage',
    (_, query) => {
      expect(bareFigures(schema, query)).toEqual([]);
    },
  );
});
