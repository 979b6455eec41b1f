// The data-set sizes of `npm run bench:scale` and `npm run bench:scale:profile`, as the options
// name them. Pure.

import { integerOption } from './options';

/** A data set: the seed graph plus `syntheticProjects` projects of the import bench's generator. */
export interface ScaleSize {
  /** Its name in options, folders and tables: `x1` (the seeds alone), `x1000`, `100k`. */
  label: string;
  /** All its projects over the seed graph's, rounded: where it sits on the plot's axis and in order. */
  factor: number;
  syntheticProjects: number;
}

/** The seed graph alone. */
export const SEED_SIZE: ScaleSize = { label: 'x1', factor: 1, syntheticProjects: 0 };

/**
 * A size option: `N` (2 to 10,000) is N times the seed graph's `seedProjects` projects;
 * `Nk` (1k to 1000k) is N thousand synthetic projects on top of the seeds (`100k` is the import
 * bench's own file: the same rows, the same pool of 2,000 institutes).
 * @throws TypeError naming `--sizes` for anything else.
 */
export function parseScaleSize(raw: string, seedProjects: number): ScaleSize {
  const text = raw.trim();
  const thousands = /^(\d+)k$/.exec(text);
  if (thousands) {
    const syntheticProjects = integerOption('sizes', thousands[1]!, 1, 1000) * 1000;
    return {
      label: `${syntheticProjects / 1000}k`,
      factor: Math.round((seedProjects + syntheticProjects) / seedProjects),
      syntheticProjects,
    };
  }
  const factor = integerOption('sizes', text, 2, 10_000);
  return { label: `x${factor}`, factor, syntheticProjects: seedProjects * (factor - 1) };
}
