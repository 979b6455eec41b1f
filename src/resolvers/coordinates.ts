// The `coordinates` field of Funder and Organisation: the place planned with the parent's
// statement, else the per-request places loader, read by nodeCoordinates exactly as a network
// node is, so a funder stands at one point in the API, the networks and the exports.

import type { GraphQLResolveInfo } from 'graphql';
import type { Coordinates } from '../analytics/networkData';
import type { RequestContext } from '../context';
import { nodeCoordinates, type PlacedLabel } from '../db/places';
import { plannedThen } from './planning/planned';

/** Where the funder or organisation `parent` is drawn; null when it has no seat and no country. */
export function coordinatesOf(
  label: PlacedLabel,
  parent: { id: string },
  context: RequestContext,
  info: GraphQLResolveInfo,
): Coordinates | null | Promise<Coordinates | null> {
  return plannedThen(
    parent,
    info,
    () => context.loaders.places(label).load(parent.id),
    (place) => (place ? nodeCoordinates(label, place) : null),
  );
}
