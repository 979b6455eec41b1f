// The command-line tools on usage mistakes: one line on stderr, exit code 2, no stack trace,
// and nothing started (these run without a database).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../src/config';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs src/cli/<command>.ts from source with an unreachable NEO4J_URI, so nothing could connect anyway. */
function run(command: string, args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['-r', './test/helpers/registerTs.js', `src/cli/${command}.ts`, ...args],
    {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, NEO4J_URI: 'bolt://127.0.0.1:1' },
      timeout: 60_000,
    },
  );
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('npm run import', () => {
  it.each([
    [
      'a missing file',
      () => [path.join(dir, 'funders-missing.csv')],
      /^no such file: .*funders-missing\.csv\n$/,
    ],
    ['a directory', () => [dir], /^.* is a directory; name the files to import\n$/],
    [
      'an unknown flag',
      () => ['--bogus', 'x.csv'],
      /^Unknown option '--bogus'; npm run import -- --help shows/,
    ],
    ['an unknown encoding', () => ['--encoding', 'klingon', dir], /^--encoding: unknown encoding "klingon"/],
    ['an unknown kind', () => ['--kind', 'grants', dir], /^--kind expects one of funders, /],
  ])('when given %s, then it prints one line and exits 2', (_case, args, message) => {
    const result = run('import', args());
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});

describe('npm run keys and npm run seed', () => {
  it('when given an unknown flag or stray arguments, then they print one line and exit 2', () => {
    const keys = run('keys', ['list', '--frob']);
    const expected = "Unknown option '--frob'; npm run keys -- --help shows the usage\n";
    expect([keys.status, keys.stderr]).toEqual([2, expected]);
    const seed = run('seed', ['extra']);
    expect([seed.status, seed.stderr]).toEqual([2, 'npm run seed takes no arguments, received "extra"\n']);
  });
});

describe('npm run derive', () => {
  it.each([
    ['a file', ['projects.csv'], /^npm run derive takes no file \(received "projects\.csv"\)/],
    ['an unknown flag', ['--all'], /^Unknown option '--all'; npm run derive -- --help shows the usage\n$/],
    [
      'a batch size of 0',
      ['--batch-size', '0'],
      /^--batch-size expects a whole number from 1 to 10000, received "0"\n$/,
    ],
    ['a batch size that is no number', ['--batch-size', '1e3'], /^--batch-size expects a whole number/],
  ])('when given %s, then it prints one line and exits 2', (_case, args, message) => {
    const result = run('derive', args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });
});
