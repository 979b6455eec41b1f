// Country outlines cut at the antimeridian (explorer/src/antimeridian.ts): no ring of the map's
// outlines jumps across it any more, every country is still drawn, and the cut keeps the area.

import type { FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesTopology from 'world-atlas/countries-110m.json';
import { cutAtAntimeridian } from '../../../explorer/src/antimeridian';

function polygonsOf(geometry: Geometry): Position[][][] {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

/**
 * The largest step in longitude between two consecutive points of any ring, except along a pole
 * (latitude +-90, the map's top or bottom edge, where a ring around the pole is closed).
 */
function largestStep(geometry: Geometry): number {
  let largest = 0;
  for (const polygon of polygonsOf(geometry))
    for (const ring of polygon)
      for (let index = 1; index < ring.length; index += 1) {
        const [lon, lat] = ring[index]!;
        const [previousLon, previousLat] = ring[index - 1]!;
        if (Math.abs(lat!) === 90 && lat === previousLat) continue;
        largest = Math.max(largest, Math.abs(lon! - previousLon!));
      }
  return largest;
}

/** Planar area (degrees squared) of the outer rings, holes subtracted. */
function planarArea(geometry: Geometry): number {
  const ringArea = (ring: Position[]) => {
    let sum = 0;
    for (let index = 0; index < ring.length - 1; index += 1)
      sum += ring[index]![0]! * ring[index + 1]![1]! - ring[index + 1]![0]! * ring[index]![1]!;
    return Math.abs(sum / 2);
  };
  return polygonsOf(geometry).reduce(
    (total, [outer, ...holes]) => total + ringArea(outer!) - holes.reduce((s, h) => s + ringArea(h), 0),
    0,
  );
}

const topology = countriesTopology as unknown as Topology<{
  countries: GeometryCollection<{ name: string }>;
}>;
const countries = feature(topology, topology.objects.countries) as FeatureCollection<
  Geometry,
  { name: string }
>;

describe('cutAtAntimeridian on the map outlines (world-atlas 110m)', () => {
  const crossing = countries.features.filter((country) => largestStep(country.geometry) > 180);

  it('finds the countries that cross the antimeridian: Antarctica, Fiji and Russia', () => {
    expect(crossing.map((country) => country.properties.name).sort()).toEqual([
      'Antarctica',
      'Fiji',
      'Russia',
    ]);
  });

  it('leaves no step of more than half a turn in any ring, and keeps every longitude on the map', () => {
    for (const country of countries.features) {
      const cut = cutAtAntimeridian(country.geometry);
      expect([country.properties.name, largestStep(cut) <= 180]).toEqual([country.properties.name, true]);
      const lons = polygonsOf(cut)
        .flat(2)
        .map(([lon]) => lon!);
      expect(Math.min(...lons)).toBeGreaterThanOrEqual(-180);
      expect(Math.max(...lons)).toBeLessThanOrEqual(180);
    }
  });

  it('returns every other country unchanged, so every country is still drawn', () => {
    for (const country of countries.features) {
      const cut = cutAtAntimeridian(country.geometry);
      if (crossing.includes(country)) expect(polygonsOf(cut).length).toBeGreaterThan(0);
      else expect(cut).toBe(country.geometry);
    }
  });

  it('keeps Russia and Fiji whole: the pieces add up to the area of the outline on the sphere', () => {
    // The outline's area by trapezoids with each step in longitude taken the short way round,
    // which does not care where the ring crosses the antimeridian.
    const wrappedArea = (ring: Position[]) => {
      let sum = 0;
      for (let index = 0; index < ring.length - 1; index += 1) {
        let step = ring[index + 1]![0]! - ring[index]![0]!;
        if (step > 180) step -= 360;
        if (step < -180) step += 360;
        sum += (step * (ring[index]![1]! + ring[index + 1]![1]!)) / 2;
      }
      return Math.abs(sum);
    };
    for (const name of ['Russia', 'Fiji']) {
      const country = crossing.find((c) => c.properties.name === name)!;
      const expected = polygonsOf(country.geometry).reduce(
        (total, [outer, ...holes]) =>
          total + wrappedArea(outer!) - holes.reduce((s, h) => s + wrappedArea(h), 0),
        0,
      );
      const cut = cutAtAntimeridian(country.geometry);
      expect(planarArea(cut)).toBeCloseTo(expected, 6);
      // Cut into more pieces than it had: the parts east of the antimeridian stand apart.
      expect(polygonsOf(cut).length).toBeGreaterThan(polygonsOf(country.geometry).length);
    }
  });

  it('closes Antarctica along the south pole instead of across the map', () => {
    const antarctica = crossing.find((c) => c.properties.name === 'Antarctica')!;
    const lats = polygonsOf(cutAtAntimeridian(antarctica.geometry))
      .flat(2)
      .map(([, lat]) => lat!);
    expect(Math.min(...lats)).toBe(-90);
  });
});

describe('cutAtAntimeridian on shapes drawn by hand', () => {
  it('splits a square across the antimeridian into its east and west halves', () => {
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [170, 10],
          [-170, 10],
          [-170, 20],
          [170, 20],
          [170, 10],
        ],
      ],
    };
    const cut = cutAtAntimeridian(square) as MultiPolygon;
    expect(cut.type).toBe('MultiPolygon');
    const boxes = cut.coordinates.map(([ring]) => {
      const lons = ring!.map(([lon]) => lon!);
      const lats = ring!.map(([, lat]) => lat!);
      return [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    });
    expect(boxes.sort((a, b) => a[0]! - b[0]!)).toEqual([
      [-180, -170, 10, 20],
      [170, 180, 10, 20],
    ]);
    expect(planarArea(cut)).toBeCloseTo(200, 9);
  });

  it('returns a polygon that stays on one side as the same object', () => {
    const polygon: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 0],
        ],
      ],
    };
    expect(cutAtAntimeridian(polygon)).toBe(polygon);
  });
});
