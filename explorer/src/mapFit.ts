// Where the map opens: on the places most of the nodes share, not on the bounding box of all
// of them. EP PerMed's partners and funders are mostly European with a few far away (Canada,
// Panama, Chile, Brazil, South Africa, China): the box of all of them is the whole world, where
// Europe is a crowd of overlapping markers. The map opens on the main group; the others are
// counted under the map, and one button shows everything.

/** A point on the map (degrees). */
export interface Place {
  latitude: number;
  longitude: number;
}

/**
 * How far from the centre of the main group a place may lie and still be in it. From central
 * Europe (Frankfurt) Lisbon is ~1,900 km, Helsinki ~1,550, Reykjavik ~2,400, Ankara ~2,300, so
 * 2,500 km holds Europe; Montreal (~5,800), Panama (~9,100) or Cape Town (~9,400) are outside.
 */
export const MAIN_GROUP_RADIUS_KM = 2500;
/** Above this many places, the centre is looked for among an even sample of them (n² distances). */
const CENTRE_CANDIDATES = 500;
const EARTH_RADIUS_KM = 6371;

/** Great-circle distance in kilometres. */
export function distanceKm(a: Place, b: Place): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Splits the places into those the map opens on and those left outside. The centre is the
 * place with the most others within MAIN_GROUP_RADIUS_KM (the first such in the input on a
 * tie); the view is every place within that radius of it, when they are more than half of all
 * places. Otherwise there is no main group and the view is every place.
 */
export function placesInView<T extends Place>(places: readonly T[]): { inView: T[]; outside: T[] } {
  if (places.length <= 2) return { inView: [...places], outside: [] };
  const step = Math.max(1, Math.floor(places.length / CENTRE_CANDIDATES));
  let centre = places[0]!;
  let best = -1;
  for (let index = 0; index < places.length; index += step) {
    const candidate = places[index]!;
    let near = 0;
    for (const other of places) if (distanceKm(candidate, other) <= MAIN_GROUP_RADIUS_KM) near += 1;
    if (near > best) {
      best = near;
      centre = candidate;
    }
  }
  if (best * 2 <= places.length) return { inView: [...places], outside: [] };
  const inView: T[] = [];
  const outside: T[] = [];
  for (const place of places) {
    (distanceKm(centre, place) <= MAIN_GROUP_RADIUS_KM ? inView : outside).push(place);
  }
  return { inView, outside };
}
