// Labels of small networks: every node's box (disc and label) kept apart inside the canvas.

import {
  boxOf,
  type DrawnLabel,
  overlappingPairs,
  SHORT_LABEL_LENGTH,
  separateLabels,
  shortLabel,
} from '../../../explorer/src/labelLayout';

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

describe('separateLabels on long labels in tight clusters', () => {
  it('parts 35 labels of 150-330 px in three clusters on an 1000 x 650 canvas, each box inside it', () => {
    // The organisation network's shape: three tight clusters of long names (pushing alone left
    // pairs touching there).
    const clusters = [
      [300, 300],
      [320, 330],
      [600, 320],
    ];
    const crowd = Array.from({ length: 35 }, (_, i) => {
      const [x, y] = clusters[i % 3]!;
      return {
        ...node(`o${i}`, x! + (i % 4) * 3, y! + (i % 7) * 2, 150 + ((i * 37) % 180)),
        radius: 4 + (i % 9) * 2,
      };
    });
    expect(overlappingPairs(crowd).length).toBeGreaterThan(100);
    const placed = moved(crowd, 1000, 650);
    expect(overlappingPairs(placed)).toEqual([]);
    for (const n of placed) {
      const box = boxOf(n);
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(1000);
      expect(box.bottom).toBeLessThanOrEqual(650);
    }
  });

  it('keeps the largest node where pushing left it and moves the smaller one', () => {
    // Two labels on one spot at the canvas's top-left corner: pushing cannot part them (each
    // is held by the edge), the greedy pass moves the smaller.
    const nodes = [
      { ...node('big', 20, 12, 200), radius: 12 },
      { ...node('small', 20, 12, 200), radius: 6 },
    ];
    const centres = separateLabels(nodes, 300, 300);
    expect(overlappingPairs(nodes.map((n) => ({ ...n, ...centres.get(n.id)! })))).toEqual([]);
  });
});

describe('shortLabel', () => {
  it('keeps a name of up to SHORT_LABEL_LENGTH characters whole', () => {
    expect(shortLabel('Instituto de Salud Carlos III')).toBe('Instituto de Salud Carlos III');
    expect(shortLabel('x'.repeat(SHORT_LABEL_LENGTH))).toBe('x'.repeat(SHORT_LABEL_LENGTH));
  });

  it('takes the acronym a long name ends with in brackets', () => {
    expect(shortLabel('Bellvitge Biomedical Research Institute (IDIBELL)')).toBe('IDIBELL');
    expect(shortLabel('Hospital del Mar Research Institute (IMIM)')).toBe('IMIM');
  });

  it('cuts a long name after whole words, within the length, with an ellipsis', () => {
    for (const name of [
      'Protestant University of Applied Sciences Ludwigsburg',
      'IRCCS Istituto delle Scienze Neurologiche di Bologna',
      'Hasso-Plattner-Institut für Digital Engineering',
    ]) {
      const short = shortLabel(name);
      expect(short.endsWith('…')).toBe(true);
      expect(short.length).toBeLessThanOrEqual(SHORT_LABEL_LENGTH);
      expect(name.startsWith(short.slice(0, -1))).toBe(true);
      expect(name[short.length - 1]).toBe(' ');
    }
    expect(shortLabel('IRCCS Istituto delle Scienze Neurologiche di Bologna')).toBe(
      'IRCCS Istituto delle Scienze…',
    );
  });

  it('drops a dash left at the end and cuts inside a single over-long word', () => {
    expect(shortLabel('Charité – Universitätsmedizin Berlin', 12)).toBe('Charité…');
    expect(shortLabel('Universitätsklinikumverbund', 10)).toBe('Universit…');
  });
});
