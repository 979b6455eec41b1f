// Where the map opens: the main group of places, not the bounding box of all of them.

import { distanceKm, type Place, placesInView } from '../../../explorer/src/mapFit';

const place = (name: string, latitude: number, longitude: number) => ({ name, latitude, longitude });
const FRANKFURT = place('Frankfurt', 50.11, 8.68);
const EUROPE = [
  FRANKFURT,
  place('Lisbon', 38.72, -9.14),
  place('Helsinki', 60.17, 24.94),
  place('Reykjavik', 64.15, -21.94),
  place('Madrid', 40.42, -3.7),
  place('Rome', 41.9, 12.5),
  place('Warsaw', 52.23, 21.01),
];
const FAR = [
  place('Montreal', 45.5, -73.57),
  place('Panama', 8.98, -79.52),
  place('Santiago', -33.45, -70.67),
  place('Cape Town', -33.92, 18.42),
];
const names = (places: { name: string }[]) => places.map((p) => p.name).sort();

describe('distanceKm', () => {
  it('measures great circles', () => {
    expect(distanceKm(FRANKFURT, place('Lisbon', 38.72, -9.14))).toBeGreaterThan(1800);
    expect(distanceKm(FRANKFURT, place('Lisbon', 38.72, -9.14))).toBeLessThan(2000);
    expect(distanceKm(place('a', 0, 179.5), place('b', 0, -179.5))).toBeLessThan(112);
  });
});

describe('placesInView', () => {
  it('opens on Europe when most places are European and leaves the far ones outside', () => {
    const { inView, outside } = placesInView([...FAR.slice(0, 2), ...EUROPE, ...FAR.slice(2)]);
    expect(names(inView)).toEqual(names(EUROPE));
    expect(names(outside)).toEqual(names(FAR));
  });

  it('follows the places shown: a South American group opens on South America', () => {
    const southAmerica = [
      place('Santiago', -33.45, -70.67),
      place('Buenos Aires', -34.6, -58.38),
      place('Montevideo', -34.9, -56.16),
      place('Sao Paulo', -23.55, -46.63),
    ];
    const { inView, outside } = placesInView([...southAmerica, FRANKFURT]);
    expect(names(inView)).toEqual(names(southAmerica));
    expect(names(outside)).toEqual(['Frankfurt']);
  });

  it('shows every place when no group holds more than half of them', () => {
    const spread = [FRANKFURT, ...FAR];
    expect(placesInView(spread)).toEqual({ inView: spread, outside: [] });
  });

  it('shows every place of a small set, and nothing of an empty one', () => {
    expect(placesInView([FRANKFURT, FAR[0]!]).outside).toEqual([]);
    expect(placesInView([] as Place[])).toEqual({ inView: [], outside: [] });
  });
});
