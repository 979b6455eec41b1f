// loadSeedFiles and readSeedInputs against temporary directories: every file read, and a
// missing or unparsable file named in the error.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadSeedFiles, seedFileName, seedFileText } from '../../../src/seed/loadSeedFiles';
import { readSeedInputs } from '../../../src/seed/readSeedInputs';
import { SEED_FILE_KEYS } from '../../../src/model';
import { makeValidDataset } from '../../fixtures/seedFixtures';

describe('loadSeedFiles', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'seeds-'));
    const dataset = makeValidDataset();
    for (const key of SEED_FILE_KEYS)
      await writeFile(path.join(directory, seedFileName(key)), seedFileText(dataset[key]));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('reads every seed file as parsed JSON', async () => {
    expect(await loadSeedFiles(directory)).toEqual(makeValidDataset());
  });

  it('names a missing file', async () => {
    await rm(path.join(directory, 'regions.json'));
    await expect(loadSeedFiles(directory)).rejects.toThrow(
      `${path.join(directory, 'regions.json')} is missing`,
    );
  });

  it('names an unparsable file', async () => {
    await writeFile(path.join(directory, 'links.json'), '[{"fromId": ');
    await expect(loadSeedFiles(directory)).rejects.toThrow(
      new RegExp(
        `^${path.join(directory, 'links.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON: `,
      ),
    );
  });

  it('throws a TypeError for a directory that is not a path', async () => {
    await expect(loadSeedFiles('')).rejects.toThrow(
      new TypeError('loadSeedFiles expected a directory path, received an empty string'),
    );
  });
});

describe('seedFileText', () => {
  it('writes two-space JSON with a trailing newline', () => {
    expect(seedFileText({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });
});

describe('readSeedInputs', () => {
  it('names the missing domain file', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'seeds-'));
    try {
      await expect(readSeedInputs(directory)).rejects.toThrow(/domain[/\\]\S+\.json is missing$/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
