import { buildNetworkGraph } from '../../../src/analytics/buildNetworkGraph';
import { degree, degreeCentrality } from '../../../src/analytics/degreeCentrality';
import { barbell, isolated } from '../../fixtures/handNetworks';

describe('degree', () => {
  it('counts neighbours: 2 for the triangle corners, 3 for the bridge ends of the barbell', () => {
    expect(degree(buildNetworkGraph(barbell()))).toEqual({ a: 2, b: 2, c: 3, d: 3, e: 2, f: 2 });
  });

  it('throws a TypeError when given plain data instead of a graph', () => {
    expect(() => degree(barbell() as never)).toThrow(
      new TypeError('degree expects a graphology Graph (see buildNetworkGraph), received object'),
    );
  });
});

describe('degreeCentrality', () => {
  it('divides degree by n - 1 = 5: 2/5 = 0.4 and 3/5 = 0.6', () => {
    const result = degreeCentrality(buildNetworkGraph(barbell()));
    expect(result.a).toBeCloseTo(0.4, 12);
    expect(result.c).toBeCloseTo(0.6, 12);
    expect(result.f).toBeCloseTo(0.4, 12);
  });

  it('is 0 for isolated nodes and for a single node', () => {
    expect(degreeCentrality(buildNetworkGraph(isolated()))).toEqual({ p: 0, q: 0, r: 0 });
    const single = isolated();
    single.nodes = single.nodes.slice(0, 1);
    expect(degreeCentrality(buildNetworkGraph(single))).toEqual({ p: 0 });
  });
});
