// Country outlines cut at the antimeridian, for a flat map. world-atlas stores Russia, Fiji and
// Antarctica as rings that jump from +180 to -180 degrees of longitude (a sphere's polygon); drawn
// on a plane those jumps are the horizontal lines that crossed the whole map. Each ring is
// unwrapped into continuous longitudes, a ring around a pole is closed along it, and every
// polygon is clipped to [-180, 180], its part beyond moved a whole turn back and clipped too.

import type { Geometry, MultiPolygon, Position } from 'geojson';

type Ring = Position[];

/** Longitudes made continuous: a step of more than half a turn is taken the short way round. */
function unwrap(ring: Ring): Ring {
  const out: Ring = [];
  let offset = 0;
  for (let index = 0; index < ring.length; index += 1) {
    const [lon, lat] = ring[index]!;
    if (index > 0) {
      const previous = ring[index - 1]![0]!;
      if (lon! - previous > 180) offset -= 360;
      else if (previous - lon! > 180) offset += 360;
    }
    out.push([lon! + offset, lat!]);
  }
  return out;
}

/**
 * A ring that went once round the globe (its unwrapped ends a whole turn apart) encloses a pole:
 * on a plane it is closed along that pole's parallel.
 */
function closeAroundPole(ring: Ring): Ring {
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (Math.abs(last[0]! - first[0]!) < 180) return ring;
  const pole = ring.reduce((sum, [, lat]) => sum + lat!, 0) < 0 ? -90 : 90;
  return [...ring, [last[0]!, pole], [first[0]!, pole], first];
}

/** Sutherland-Hodgman against one vertical line: keeps the side where `inside` holds. */
function clipAt(ring: Ring, lon: number, inside: (x: number) => boolean): Ring {
  const out: Ring = [];
  for (let index = 0; index < ring.length; index += 1) {
    const current = ring[index]!;
    const previous = ring[(index + ring.length - 1) % ring.length]!;
    const currentIn = inside(current[0]!);
    const previousIn = inside(previous[0]!);
    if (currentIn !== previousIn) {
      const t = (lon - previous[0]!) / (current[0]! - previous[0]!);
      out.push([lon, previous[1]! + t * (current[1]! - previous[1]!)]);
    }
    if (currentIn) out.push(current);
  }
  return out;
}

/** Twice the signed area of a ring on the plane of longitude and latitude. */
function area(ring: Ring): number {
  let sum = 0;
  for (let index = 0; index < ring.length; index += 1) {
    const [x1, y1] = ring[index]!;
    const [x2, y2] = ring[(index + 1) % ring.length]!;
    sum += x1! * y2! - x2! * y1!;
  }
  return sum / 2;
}

/** The ring moved by `shift` degrees and clipped to [-180, 180], closed again; null when empty. */
function clipped(ring: Ring, shift: number): Ring | null {
  const moved = ring.map(([lon, lat]) => [lon! + shift, lat!]);
  const kept = clipAt(
    clipAt(moved, 180, (x) => x <= 180),
    -180,
    (x) => x >= -180,
  );
  // A sliver along the cut (the other side's edge points) has no area: nothing to draw.
  if (kept.length < 3 || Math.abs(area(kept)) < 1e-9) return null;
  const first = kept[0]!;
  const last = kept[kept.length - 1]!;
  return first[0] === last[0] && first[1] === last[1] ? kept : [...kept, first];
}

function crosses(ring: Ring): boolean {
  for (let index = 1; index < ring.length; index += 1)
    if (Math.abs(ring[index]![0]! - ring[index - 1]![0]!) > 180) return true;
  return false;
}

/** One polygon (outer ring and holes) as the pieces of it that lie in [-180, 180]. */
function cutPolygon(rings: Ring[]): Ring[][] {
  if (!rings.some(crosses)) return [rings];
  const unwrapped = rings.map((ring) => closeAroundPole(unwrap(ring)));
  const lons = unwrapped[0]!.map(([lon]) => lon!);
  const shifts = [0];
  if (Math.max(...lons) > 180) shifts.push(-360);
  if (Math.min(...lons) < -180) shifts.push(360);
  const pieces: Ring[][] = [];
  for (const shift of shifts) {
    const outer = clipped(unwrapped[0]!, shift);
    if (!outer) continue;
    const holes = unwrapped
      .slice(1)
      .map((hole) => clipped(hole, shift))
      .filter((hole): hole is Ring => hole !== null);
    pieces.push([outer, ...holes]);
  }
  return pieces;
}

/**
 * A geometry with its polygons cut at the antimeridian. Geometries that do not cross it are
 * returned as they are (the same object), so only Russia, Fiji and Antarctica change.
 */
export function cutAtAntimeridian(geometry: Geometry): Geometry {
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return geometry;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  if (!polygons.some((polygon) => polygon.some(crosses))) return geometry;
  const cut: MultiPolygon = { type: 'MultiPolygon', coordinates: polygons.flatMap(cutPolygon) };
  return cut;
}
