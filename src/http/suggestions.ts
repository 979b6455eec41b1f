// The Apollo plugin that tells a client what a root lookup that found nothing may have meant:
// `extensions.suggestions` of the answer, one entry per lookup (src/resolvers/rootLookup.ts).

import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { RequestContext } from '../context';

/**
 * Adds `extensions.suggestions` to an answer whose root lookups found nothing, e.g.
 * `funder(id: "ISCIII")` is null and the suggestion names isciii-es (ISCIII). Must come before
 * the response cache's plugin, which stores them with the answer for its hits.
 */
export function suggestionsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, operation }) {
          if (contextValue.suggestions.length === 0 || response.body.kind !== 'single') return;
          // In the order of the root fields in the operation, not the order the lookups ended.
          const keys = (operation?.selectionSet.selections ?? []).map((selection) =>
            selection.kind === Kind.FIELD ? (selection.alias ?? selection.name).value : null,
          );
          const position = (path: ReadonlyArray<string | number>) => {
            const index = keys.indexOf(String(path[0]));
            return index === -1 ? keys.length : index;
          };
          const suggestions = [...contextValue.suggestions].sort(
            (a, b) => position(a.path) - position(b.path),
          );
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, suggestions };
        },
      };
    },
  };
}
