import { seatCoordinatesToWrite } from '../../../src/model/coordinates';

const CORDIS_POINT = {
  latitude: 50.7101,
  longitude: 7.1302,
  coordinatesPrecision: 'PRECISE',
  coordinatesSource: 'CORDIS_HORIZON_EUROPE',
};
const ROR_CITY = {
  latitude: 50.7374,
  longitude: 7.0982,
  coordinatesPrecision: 'CITY',
  coordinatesSource: 'ROR',
};
const NONE = { latitude: null, longitude: null, coordinatesPrecision: null, coordinatesSource: null };

describe('seatCoordinatesToWrite', () => {
  it('writes a point on a node that holds none', () => {
    expect(seatCoordinatesToWrite({ city: 'Bonn', ...ROR_CITY }, { id: 'x' }, 'ROR')).toEqual({
      city: 'Bonn',
      ...ROR_CITY,
    });
    expect(seatCoordinatesToWrite(CORDIS_POINT, undefined, 'CORDIS_HORIZON_EUROPE')).toEqual(CORDIS_POINT);
  });

  it('leaves out a city point where the node holds an address, keeping the rest of the record', () => {
    expect(seatCoordinatesToWrite({ shortName: 'BMG', ...ROR_CITY }, CORDIS_POINT, 'ROR')).toEqual({
      shortName: 'BMG',
    });
  });

  it('replaces a city point by an address, and an address by another one as precise', () => {
    expect(seatCoordinatesToWrite(CORDIS_POINT, ROR_CITY, 'CORDIS_HORIZON_EUROPE')).toEqual(CORDIS_POINT);
    const h2020 = { ...CORDIS_POINT, latitude: 50.72, coordinatesSource: 'CORDIS_HORIZON_2020' };
    expect(seatCoordinatesToWrite(h2020, CORDIS_POINT, 'CORDIS_HORIZON_2020')).toEqual(h2020);
  });

  it('keeps a point another dataset gave when the record gives none, and removes one its own dataset gave', () => {
    expect(seatCoordinatesToWrite({ sme: false, ...NONE }, CORDIS_POINT, 'ROR')).toEqual({ sme: false });
    expect(seatCoordinatesToWrite(NONE, ROR_CITY, 'ROR')).toEqual(NONE);
  });

  it('keeps a point written before sources were recorded when a record gives none', () => {
    const legacy = { latitude: 1, longitude: 2, coordinatesPrecision: 'PRECISE' };
    expect(seatCoordinatesToWrite(NONE, legacy, 'CORDIS_HORIZON_EUROPE')).toEqual({});
  });

  it('returns records without coordinatesPrecision as they are', () => {
    expect(seatCoordinatesToWrite({ name: 'x', latitude: 3 }, CORDIS_POINT, 'ROR')).toEqual({
      name: 'x',
      latitude: 3,
    });
  });
});
