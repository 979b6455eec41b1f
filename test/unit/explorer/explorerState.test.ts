// The explorer's pure parts: URL state, network variables from URL parameters, and colours.

import { formatNumber, yearText } from '../../../explorer/src/format';
import { networkKindOf, networkVariables } from '../../../explorer/src/networkData';
import { CATEGORICAL, rampColour, textOn } from '../../../explorer/src/palette';
import { parseRoute, recordHash, routeHash } from '../../../explorer/src/state';

describe('parseRoute', () => {
  it('reads the view, the record path and the parameters of a hash', () => {
    const route = parseRoute('#/record/funder/funder-aecc?x=1');
    expect(route.view).toBe('record');
    expect(route.path).toEqual(['funder', 'funder-aecc']);
    expect(route.params.get('x')).toBe('1');
  });

  it('falls back to the network view for an empty or unknown hash', () => {
    expect(parseRoute('').view).toBe('network');
    expect(parseRoute('#/nowhere?a=b').view).toBe('network');
  });
});

describe('routeHash', () => {
  it('leaves empty parameters out and round-trips through parseRoute', () => {
    const hash = routeHash('network', { net: 'cofunding', call: '', country: 'DE,FR' });
    expect(hash).toBe('#/network?net=cofunding&country=DE%2CFR');
    expect(parseRoute(hash).params.get('country')).toBe('DE,FR');
  });

  it('encodes record ids', () => {
    expect(recordHash('KNOWLEDGE_GAP', 'gap/odd id')).toBe('#/record/knowledge_gap/gap%2Fodd%20id');
    expect(parseRoute(recordHash('KNOWLEDGE_GAP', 'gap/odd id')).path).toEqual([
      'knowledge_gap',
      'gap/odd id',
    ]);
  });
});

describe('networkVariables', () => {
  const all = new Set<string>();
  it('maps URL filters onto NetworkFilter fields, lists split on commas', () => {
    const params = new URLSearchParams('call=jtc2022,jtc2023&yearFrom=2020&country=DE');
    expect(networkVariables('cofunding', params, all)).toEqual({
      limit: 1000,
      basis: 'CALLS',
      filter: { calls: ['jtc2022', 'jtc2023'], yearFrom: 2020, countries: ['DE'] },
    });
  });

  it('drops a year that is not four digits and fields the server does not offer', () => {
    const params = new URLSearchParams('yearFrom=20x0&programme=eppermed-programme&gap=gap-elsa');
    const variables = networkVariables('collaboration', params, new Set(['gaps']));
    expect(variables).toEqual({ limit: 1000, level: 'COUNTRIES', filter: { gaps: ['gap-elsa'] } });
  });

  it('maps the dataset parameter onto NetworkFilter.datasets as enum constants, in any case', () => {
    const params = new URLSearchParams('dataset=cordis_horizon_europe,PERMED_CURATED');
    expect(networkVariables('cofunding', params, all)).toEqual({
      limit: 1000,
      basis: 'CALLS',
      filter: { datasets: ['CORDIS_HORIZON_EUROPE', 'PERMED_CURATED'] },
    });
    // A server without NetworkFilter.datasets gets no such field.
    expect(networkVariables('cofunding', params, new Set(['calls']))).toEqual({
      limit: 1000,
      basis: 'CALLS',
    });
  });

  it('gives the bipartite network its modes and defaults', () => {
    const variables = networkVariables('bipartite', new URLSearchParams('actors=COUNTRIES'), all);
    expect(variables).toEqual({ limit: 1000, actors: 'COUNTRIES', targets: 'GAPS', basis: 'PROJECTS' });
  });

  it('reads the network kind, defaulting to co-funding', () => {
    expect(networkKindOf(new URLSearchParams('net=bipartite'))).toBe('bipartite');
    expect(networkKindOf(new URLSearchParams('net=evil'))).toBe('cofunding');
  });
});

describe('textOn', () => {
  /** WCAG 2 contrast ratio of two #rrggbb colours. */
  function contrast(a: string, b: string): number {
    const luminance = (hex: string) => {
      const channel = (offset: number) => {
        const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
        return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    };
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (light + 0.05) / (dark + 0.05);
  }

  it('picks text with at least AA contrast (4.5:1) on every heat-map shade', () => {
    for (let step = 0; step <= 20; step += 1) {
      const background = rampColour(step / 20);
      expect(contrast(background, textOn(background))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('keeps the categorical colours distinct', () => {
    expect(new Set(CATEGORICAL).size).toBe(CATEGORICAL.length);
  });
});

describe('formatNumber and yearText', () => {
  it('groups counts and amounts but writes a year as a year', () => {
    expect(formatNumber(1500000)).toBe('1,500,000');
    expect(formatNumber(2023)).toBe('2,023');
    expect(yearText(2023)).toBe('2023');
    expect(yearText(1999)).toBe('1999');
  });

  it('gives no year for a missing or non-integer value', () => {
    expect(yearText(null)).toBeNull();
    expect(yearText(undefined)).toBeNull();
    expect(yearText('2023')).toBeNull();
    expect(yearText(2023.5)).toBeNull();
  });
});
