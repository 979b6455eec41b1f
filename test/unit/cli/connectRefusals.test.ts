// `npm run connect` on inputs its connectors refuse before anything starts: both CORDIS and ROR go
// through one command flow (src/cli/runConnectorCommand.ts) and print `Refused [CODE]: nothing was
// written — why` on stdout with exit code 1; usage mistakes print one line on stderr and exit 2.
// These run without a database (an unreachable NEO4J_URI: nothing could be written anyway).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../src/config';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-connect-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function connect(args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['-r', './test/helpers/registerTs.js', 'src/cli/connect.ts', ...args],
    {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, NEO4J_URI: 'bolt://127.0.0.1:1' },
      timeout: 60_000,
    },
  );
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

function file(name: string, content: string): string {
  const target = path.join(dir, name);
  fs.writeFileSync(target, content);
  return target;
}

describe('npm run connect refusals', () => {
  it('when the ROR dump is neither .json nor .zip, then it prints the refusal with its code and exits 1', () => {
    const result = connect(['ror', file('ror-data.csv', 'id;name\n')]);
    expect(result.stdout).toBe(
      'Refused [WRONG_FORMAT]: nothing was written — ror-data.csv: expected a ROR dump as .json or .zip, received .csv\n',
    );
    expect(result.status).toBe(1);
  });

  it('when the ROR zip is not an archive, then it prints INPUT_NOT_ARCHIVE and exits 1', () => {
    const result = connect(['ror', file('v1.0-2026-01-01-ror-data.zip', 'not a zip')]);
    expect(result.stdout).toMatch(
      /^Refused \[INPUT_NOT_ARCHIVE\]: nothing was written — v1\.0-2026-01-01-ror-data\.zip is not a zip archive that can be read \(.+\)\n$/,
    );
    expect(result.status).toBe(1);
  });

  it('when the CORDIS export is not an archive, then it prints the same refusal line with its code and exits 1', () => {
    const result = connect(['cordis', file('cordis-HORIZONprojects-csv.zip', 'not a zip')]);
    expect(result.stdout).toMatch(
      /^Refused \[INPUT_NOT_ARCHIVE\]: nothing was written — .*cordis-HORIZONprojects-csv\.zip/,
    );
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.status).toBe(1);
  });

  it.each([['cordis'], ['ror']])(
    'when %s is given a batch size of 0, then it prints one usage line and exits 2',
    (connector) => {
      const result = connect([connector, file(`${connector}.json`, '[]'), '--batch-size', '0']);
      expect(result.stderr).toBe('--batch-size expects a whole number from 1 to 100000, received "0"\n');
      expect(result.stdout).toBe('');
      expect(result.status).toBe(2);
    },
  );
});
