// Every saved playground example stays within the default limits, so the playground never
// opens on an example the server refuses.

import {
  buildSchema,
  Kind,
  parse,
  specifiedRules,
  validate,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { DEFAULT_PROTECTION } from '../../../../src/config';
import { createProtection } from '../../../../src/http/cost/protection';
import { operationCost } from '../../../../src/http/cost/operationCost';
import { PLAYGROUND_EXAMPLES } from '../../../../src/http/examples';
import { loadTypeDefs } from '../../../../src/schema';

const schema = buildSchema(loadTypeDefs().join('\n'));
const protection = createProtection({ config: DEFAULT_PROTECTION, defaultPageSize: 20 });

describe('the saved playground examples', () => {
  it.each(PLAYGROUND_EXAMPLES.map((example) => [example.name, example] as const))(
    'when "%s" is priced with the default limits, then it is under the anonymous cost limit and every structural limit',
    (_, example) => {
      const document = parse(example.query, protection.parseOptions);
      expect(validate(schema, document, [...specifiedRules, ...protection.validationRules])).toEqual([]);
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
      }
      const operation = document.definitions.find(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      )!;
      const measured = operationCost(schema, operation, fragments, example.variables, {
        defaultPageSize: 20,
      });
      expect(measured.cost).toBeLessThanOrEqual(DEFAULT_PROTECTION.limits.maxCost.anonymous);
      expect(measured.rootFields).toBeLessThanOrEqual(DEFAULT_PROTECTION.limits.maxRootFields);
    },
  );
});
