// Where funders and organisations are drawn, without a database: the order of the points tried
// (nodeCoordinates) and the statement that reads a page of places (placesByIdCypher).

import { nodeCoordinates, placeOf, placesByIdCypher } from '../../../src/db/places';

describe('nodeCoordinates', () => {
  const home = { code: 'DE', latitude: 51, longitude: 9 };
  const address = {
    latitude: 50.7101,
    longitude: 7.1302,
    coordinatesPrecision: 'PRECISE',
    coordinatesSource: 'CORDIS_HORIZON_EUROPE',
  };
  const city = {
    latitude: 50.7374,
    longitude: 7.0982,
    coordinatesPrecision: 'CITY',
    coordinatesSource: 'ROR',
  };

  it('places a funder at its address before its headquarters, city, region and country', () => {
    expect(nodeCoordinates('Funder', { props: { id: 'bmg-de', ...address }, home })).toEqual({
      latitude: 50.7101,
      longitude: 7.1302,
      basis: 'ADDRESS',
      precision: 'PRECISE',
      source: 'CORDIS_HORIZON_EUROPE',
    });
    const commission = {
      id: 'european-commission',
      headquartersLatitude: 50.84,
      headquartersLongitude: 4.38,
    };
    expect(nodeCoordinates('Funder', { props: { ...commission, ...city }, home: null })).toMatchObject({
      basis: 'HEADQUARTERS',
      precision: 'CITY',
      source: 'PERMED_CURATED',
    });
    expect(
      nodeCoordinates('Funder', {
        props: { id: 'gn', ...city },
        home,
        region: { id: 'es-navarre', latitude: 42.7, longitude: -1.6 },
      }),
    ).toMatchObject({ basis: 'CITY', precision: 'CITY', source: 'ROR' });
    expect(nodeCoordinates('Funder', { props: { id: 'bmbf-de' }, home })).toEqual({
      latitude: 51,
      longitude: 9,
      basis: 'COUNTRY_CENTROID',
      precision: 'COUNTRY',
      source: 'PERMED_CURATED',
    });
  });

  it('places an organisation at its address, else its city, else its country, and never at a point without a precision', () => {
    expect(nodeCoordinates('Organisation', { props: { id: 'o', ...city }, home })).toMatchObject({
      latitude: 50.7374,
      basis: 'CITY',
    });
    expect(
      nodeCoordinates('Organisation', { props: { id: 'o', latitude: 1, longitude: 2 }, home }),
    ).toMatchObject({
      basis: 'COUNTRY_CENTROID',
      precision: 'COUNTRY',
    });
    expect(nodeCoordinates('Organisation', { props: { id: 'o', ...address }, home })).toMatchObject({
      basis: 'ADDRESS',
      precision: 'PRECISE',
    });
  });
});

describe('placesByIdCypher', () => {
  it('reads the seat properties and both centroids of a whole page of funders or organisations in one statement', () => {
    const cypher = placesByIdCypher('Funder');
    expect(cypher).toContain('UNWIND $keys AS key\nMATCH (n:Funder {id: key})');
    expect(cypher).toContain(placeOf('n'));
    for (const property of ['latitude', 'coordinatesPrecision', 'coordinatesSource', 'headquartersLatitude'])
      expect(placeOf('n')).toContain(`.${property}`);
    expect(placeOf('n')).toContain('(n)-[:BASED_IN]->(region:Region)');
  });

  it('refuses a label without a place of its own', () => {
    expect(() => placesByIdCypher('Project' as never)).toThrow(
      new TypeError('placesByIdCypher expects Funder or Organisation, received Project'),
    );
  });
});
