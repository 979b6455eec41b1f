// drawHeldOutProjects on hand-made counts, then the committed draw: seeds/curation/held-out.json
// is what the recorded procedure and seed give on the judged sample, and holds at least a third
// of its links.

import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { drawHeldOutProjects, drawOrderKey } from '../../../src/derivation/heldOutDraw';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('drawHeldOutProjects', () => {
  const counts = new Map([
    ['p1', 4],
    ['p2', 1],
    ['p3', 0],
    ['p4', 5],
    ['p5', 2],
    ['p6', 3],
  ]);

  it('takes projects in lottery order until both a share of links and of projects are held', () => {
    const held = drawHeldOutProjects({ seed: 's', judgedLinksPerProject: counts, oneIn: 3 });
    const order = [...counts.keys()].sort((a, b) => (drawOrderKey('s', a) < drawOrderKey('s', b) ? -1 : 1));
    let links = 0;
    let taken = 0;
    for (const id of order) {
      if (links >= 5 && taken >= 2) break;
      links += counts.get(id) ?? 0;
      taken += 1;
    }
    expect(held).toEqual(order.slice(0, taken).sort());
    const heldLinks = held.reduce((sum, id) => sum + (counts.get(id) ?? 0), 0);
    expect(heldLinks).toBeGreaterThanOrEqual(5);
    expect(held.length).toBeGreaterThanOrEqual(2);
  });

  it('gives the same draw for the same seed and another for another seed', () => {
    const a = drawHeldOutProjects({ seed: 'one', judgedLinksPerProject: counts, oneIn: 2 });
    expect(drawHeldOutProjects({ seed: 'one', judgedLinksPerProject: counts, oneIn: 2 })).toEqual(a);
    const seeds = ['two', 'three', 'four', 'five'];
    const others = seeds.map((seed) =>
      drawHeldOutProjects({ seed, judgedLinksPerProject: counts, oneIn: 2 }),
    );
    expect(others.some((other) => other.join() !== a.join())).toBe(true);
  });

  it('refuses a oneIn that is not an integer of at least 2', () => {
    expect(() => drawHeldOutProjects({ seed: 's', judgedLinksPerProject: counts, oneIn: 1 })).toThrow(
      'expected oneIn to be an integer >= 2, got 1',
    );
    expect(() => drawHeldOutProjects({ seed: 's', judgedLinksPerProject: counts, oneIn: 2.5 })).toThrow(
      TypeError,
    );
  });
});

describe('the committed held-out draw (seeds/curation/held-out.json)', () => {
  it('is what its seed and procedure draw from the seed projects and the judged sample', async () => {
    const read = async (file: string): Promise<unknown> =>
      JSON.parse(await readFile(path.join(ROOT, 'seeds', file), 'utf8')) as unknown;
    const draw = (await read('curation/held-out.json')) as {
      seed: string;
      oneIn: number;
      heldOutProjects: string[];
    };
    const projects = (await read('projects.json')) as Array<{ id: string }>;
    const sample = (await read('curation/judged-links.json')) as { links: Array<{ projectId: string }> };
    const counts = new Map(projects.map((project) => [project.id, 0]));
    for (const link of sample.links) {
      const count = counts.get(link.projectId);
      if (count === undefined)
        throw new Error(`judged-links.json names an unknown project ${link.projectId}`);
      counts.set(link.projectId, count + 1);
    }
    const drawn = drawHeldOutProjects({ seed: draw.seed, judgedLinksPerProject: counts, oneIn: draw.oneIn });
    expect(draw.heldOutProjects).toEqual(drawn);
    const heldLinks = sample.links.filter((link) => draw.heldOutProjects.includes(link.projectId)).length;
    expect(heldLinks * 3).toBeGreaterThanOrEqual(sample.links.length);
  });
});
