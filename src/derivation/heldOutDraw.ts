// The held-out draw of issue 17: which seed projects' judged links measure the rules out of
// sample. A seeded, reproducible draw by project (never by link, so one project's links never
// straddle the tuning and held-out parts). Pure; seeds/curation/held-out.json records its result.

import { createHash } from 'node:crypto';

/** What the draw reads: every judged project and how many judged links it has. */
export type HeldOutDrawInput = {
  /** The draw's seed, fixed before the draw and recorded with it. */
  seed: string;
  /** Judged links per project id, for every project drawn from (0 for a project none judges). */
  judgedLinksPerProject: ReadonlyMap<string, number>;
  /** The held-out part holds at least one in `oneIn` of the judged links and of the projects. */
  oneIn: number;
};

/** The lottery number of a project: SHA-256 of `<seed>:<projectId>`, hex. */
export function drawOrderKey(seed: string, projectId: string): string {
  return createHash('sha256').update(`${seed}:${projectId}`).digest('hex');
}

/**
 * Orders the projects by `drawOrderKey` and takes them in that order until the taken projects
 * hold at least one in `oneIn` of the judged links and one in `oneIn` of the projects (both
 * rounded up). Returns the held-out project ids sorted. Throws a TypeError unless `oneIn` is an
 * integer of at least 2.
 */
export function drawHeldOutProjects(input: HeldOutDrawInput): string[] {
  const { seed, judgedLinksPerProject, oneIn } = input;
  if (!Number.isInteger(oneIn) || oneIn < 2) {
    throw new TypeError(`drawHeldOutProjects: expected oneIn to be an integer >= 2, got ${oneIn}`);
  }
  const ids = [...judgedLinksPerProject.keys()];
  const totalLinks = ids.reduce((sum, id) => sum + (judgedLinksPerProject.get(id) ?? 0), 0);
  const linksNeeded = Math.ceil(totalLinks / oneIn);
  const projectsNeeded = Math.ceil(ids.length / oneIn);
  const ordered = ids
    .map((id) => ({ id, order: drawOrderKey(seed, id) }))
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  const taken: string[] = [];
  let links = 0;
  for (const { id } of ordered) {
    if (links >= linksNeeded && taken.length >= projectsNeeded) break;
    taken.push(id);
    links += judgedLinksPerProject.get(id) ?? 0;
  }
  return taken.sort();
}
