// Labels of small networks: every node's box (disc and label) kept apart inside the canvas.

import { boxOf, type DrawnLabel, overlappingPairs, separateLabels } from '../../../explorer/src/labelLayout';

const node = (id: string, x: number, y: number, labelWidth = 60): DrawnLabel => ({
  id,
  x,
  y,
  radius: 8,
  labelWidth,
  labelHeight: 16,
});

function moved(nodes: DrawnLabel[], width: number, height: number): DrawnLabel[] {
  const centres = separateLabels(nodes, width, height);
  return nodes.map((n) => ({ ...n, ...centres.get(n.id)! }));
}

describe('separateLabels', () => {
  it('leaves apart labels where they are', () => {
    const nodes = [node('a', 100, 100), node('b', 100, 200), node('c', 300, 100)];
    const centres = separateLabels(nodes, 800, 600);
    for (const n of nodes) expect(centres.get(n.id)).toEqual({ x: n.x, y: n.y });
  });

  it('pushes apart thirty labels drawn on one spot until none overlaps', () => {
    const crowd = Array.from({ length: 30 }, (_, i) =>
      node(`f${i}`, 400 + (i % 3), 300 + (i % 5), 40 + i * 3),
    );
    expect(overlappingPairs(crowd).length).toBeGreaterThan(400);
    const placed = moved(crowd, 1000, 640);
    expect(overlappingPairs(placed)).toEqual([]);
  });

  it('keeps every box inside the canvas', () => {
    const placed = moved([node('edge', 790, 5, 120), node('corner', -20, 700)], 800, 600);
    for (const n of placed) {
      const box = boxOf(n);
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(800);
      expect(box.bottom).toBeLessThanOrEqual(600);
    }
  });

  it('separates two labels pressed against the top edge: the one below goes the whole way', () => {
    const nodes = [node('top', 100, 0), node('below', 110, 6)];
    const placed = moved(nodes, 800, 600);
    expect(overlappingPairs(placed)).toEqual([]);
    expect(boxOf(placed[0]!).top).toBeGreaterThanOrEqual(0);
  });

  it('moves a label that would cover its neighbour’s disc', () => {
    // b's disc sits inside a's label, to the right of a.
    const nodes = [node('a', 100, 100, 80), node('b', 150, 104, 20)];
    expect(overlappingPairs(nodes)).toEqual([['a', 'b']]);
    expect(overlappingPairs(moved(nodes, 800, 600))).toEqual([]);
  });
});
