// A validation rule graphql-js 16 lacks: an operation whose type has no root in the schema
// (a subscription here) is refused before execution, as a client error, instead of failing
// in execution as an uncoded (so masked, internal) error with HTTP 200.

import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/** Reports `subscription { ... }` (or any operation type the schema lacks) as a validation error. */
export function knownOperationTypes(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      const schema = context.getSchema();
      const roots = {
        query: schema.getQueryType(),
        mutation: schema.getMutationType(),
        subscription: schema.getSubscriptionType(),
      };
      if (roots[node.operation]) return;
      const offered = Object.entries(roots)
        .filter(([, root]) => root)
        .map(([name]) => `${name} operations`);
      context.reportError(
        new GraphQLError(`This API has no ${node.operation} operations; send ${offered.join(' or ')}`, {
          nodes: node,
        }),
      );
    },
  };
}
