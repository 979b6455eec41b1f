// Specifies when a network's selection needs the evidence ids of its edges.

import {
  Kind,
  parse,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type FieldNode,
} from 'graphql';
import { selectsEdgeEvidence } from '../../../src/resolvers/networkRequest';

/** The resolve info of the first root field of `query`. */
function infoOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selectsEdgeEvidence', () => {
  it('is false when only counts, weights and measures are selected', () => {
    expect(
      selectsEdgeEvidence(
        infoOf('{ n: collaborationNetwork { nodeCount edges { source target weight } ranking { rank } } }'),
      ),
    ).toBe(false);
  });

  it.each([
    'edges { evidenceIds }',
    'edges { projects { id } }',
    'edges { calls { id } }',
    'document(format: GEXF)',
  ])('is true when %s is selected', (selection) => {
    expect(selectsEdgeEvidence(infoOf(`{ cofundingNetwork { ${selection} } }`))).toBe(true);
  });

  it('follows fragments and inline fragments', () => {
    expect(
      selectsEdgeEvidence(
        infoOf(
          '{ cofundingNetwork { ...E } } fragment E on Network { ... on Network { edges { evidenceIds } } }',
        ),
      ),
    ).toBe(true);
    expect(
      selectsEdgeEvidence(infoOf('{ cofundingNetwork { ...E } } fragment E on Network { nodeCount }')),
    ).toBe(false);
  });
});
