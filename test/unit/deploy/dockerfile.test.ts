// Checks the Dockerfile against the repository without a Docker engine: every file it
// copies from the build context exists and is not dropped by .dockerignore, stages are
// referenced before use, and the command runs the same entry point as `npm start`.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');

interface Instruction {
  /** Upper-cased keyword, e.g. "COPY". */
  keyword: string;
  /** Arguments as written, continuation lines joined. */
  args: string;
  line: number;
}

/** Splits a Dockerfile into instructions: comments dropped, backslash continuations joined. */
function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    // Comment lines inside a continuation are skipped by Docker too.
    if (/^\s*#/.test(line) || (pending === undefined && line.trim() === '')) return;
    const continues = /\\\s*$/.test(line);
    const content = continues ? line.replace(/\\\s*$/, '') : line;
    pending = pending
      ? { text: `${pending.text} ${content.trim()}`, line: pending.line }
      : { text: content.trim(), line: index + 1 };
    if (!continues) {
      const match = /^(\S+)\s*(.*)$/.exec(pending.text);
      if (match?.[1])
        instructions.push({ keyword: match[1].toUpperCase(), args: match[2] ?? '', line: pending.line });
      pending = undefined;
    }
  });
  return instructions;
}

/** The words of an instruction: a JSON array (exec form) or whitespace-separated. */
function words(args: string): string[] {
  const trimmed = args.trim();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as string[];
  return trimmed.split(/\s+/).filter((word) => word !== '');
}

interface Copy {
  line: number;
  from: string | undefined;
  sources: string[];
  destination: string;
}

function copyInstructions(instructions: Instruction[]): Copy[] {
  return instructions
    .filter((instruction) => instruction.keyword === 'COPY' || instruction.keyword === 'ADD')
    .map((instruction) => {
      const all = words(instruction.args);
      const flags = all.filter((word) => word.startsWith('--'));
      const paths = all.filter((word) => !word.startsWith('--'));
      const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length);
      const destination = paths.pop() ?? '';
      return { line: instruction.line, from, sources: paths, destination };
    });
}

/**
 * Whether a .dockerignore pattern drops a context path, for the pattern shapes this repo
 * uses: `*`, `**` and `?` globs relative to the context root; a pattern that names a
 * directory drops everything under it. Negations (!) are not supported, and the test
 * fails if one appears so that this helper is extended first.
 */
function ignoredBy(patterns: string[], contextPath: string): string | undefined {
  const normalised = path.posix.normalize(contextPath).replace(/^\.\//, '').replace(/\/$/, '');
  const segments = normalised.split('/');
  const candidates = segments.map((_, index) => segments.slice(0, index + 1).join('/'));
  return patterns.find((pattern) => {
    const regex = new RegExp(
      `^${pattern
        .replace(/^\/|\/$/g, '')
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*/g, '\u0000')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')
        // eslint-disable-next-line no-control-regex -- NUL marks a ** that the * rule must not touch
        .replace(/\u0000/g, '.*')}$`,
    );
    return candidates.some((candidate) => regex.test(candidate));
  });
}

function readDockerignore(): string[] {
  return readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

describe('Dockerfile', () => {
  const instructions = parseDockerfile(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
  const copies = copyInstructions(instructions);
  const fromContext = copies.filter((copy) => copy.from === undefined);
  const dockerignore = readDockerignore();

  it('copies from the build context only paths that exist in the repository', () => {
    const sources = fromContext.flatMap((copy) => copy.sources);
    // The paths the image needs today; a new COPY must add its path here and to the repo.
    expect(sources.sort()).toEqual(
      [
        'package.json',
        'package-lock.json',
        'tsconfig.json',
        'tsconfig.build.json',
        'src',
        'explorer',
        'schema',
        'seeds',
      ].sort(),
    );
    const missing = sources.filter((source) => !existsSync(path.join(ROOT, source)));
    expect(missing).toEqual([]);
  });

  it('copies nothing that .dockerignore drops from the build context', () => {
    expect(dockerignore.filter((pattern) => pattern.startsWith('!'))).toEqual([]);
    const dropped = fromContext
      .flatMap((copy) => copy.sources)
      .map((source) => [source, ignoredBy(dockerignore, source)] as const)
      .filter(([, pattern]) => pattern !== undefined);
    expect(dropped).toEqual([]);
  });

  it('copies --from only stages defined earlier in the file', () => {
    const stages: string[] = [];
    for (const instruction of instructions) {
      if (instruction.keyword === 'FROM') {
        const alias = /\sAS\s+(\S+)\s*$/i.exec(instruction.args)?.[1];
        if (alias) stages.push(alias);
      }
      if (instruction.keyword === 'COPY') {
        const from = copyInstructions([instruction])[0]?.from;
        if (from !== undefined) {
          const { line } = instruction;
          expect({ line, from, known: stages.includes(from) }).toEqual({ line, from, known: true });
        }
      }
    }
    expect(stages).toEqual(['build', 'runtime']);
  });

  it('runs the same entry point as `npm start`, inside the build output directory', () => {
    const cmd = instructions.filter((instruction) => instruction.keyword === 'CMD').pop();
    expect(cmd).toBeDefined();
    const command = words(cmd?.args ?? '');
    const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(command.join(' ')).toBe(packageJson.scripts['start']);

    // The entry point is a file under the outDir that `npm run build` writes and the
    // runtime stage copies.
    const configPath = path.join(ROOT, 'tsconfig.build.json');
    const configFile = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file));
    const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
    const outDir = path.relative(ROOT, parsed.options.outDir ?? '');
    // The build compiles the server and bundles the browser explorer into the same output directory.
    expect(packageJson.scripts['build']).toBe('tsc -p tsconfig.build.json && node explorer/build.mjs');
    expect(command[1]?.startsWith(`${outDir}/`)).toBe(true);
    expect(copies.some((copy) => copy.from === 'build' && copy.sources.includes(`/app/${outDir}`))).toBe(
      true,
    );
  });

  it('runs as the unprivileged node user and exposes the API port', () => {
    const start = instructions.findIndex((i) => i.keyword === 'FROM' && / AS runtime$/i.test(i.args));
    const runtime = instructions.slice(start);
    expect(runtime.filter((i) => i.keyword === 'USER').map((i) => i.args)).toEqual(['node']);
    expect(runtime.filter((i) => i.keyword === 'EXPOSE').map((i) => i.args)).toEqual(['4000']);
  });
});

describe('.dockerignore', () => {
  it('keeps host builds, dependencies, data and history out of the build context', () => {
    const patterns = readDockerignore();
    const locals = [
      'node_modules',
      'dist',
      'neo4j/target',
      '.data',
      '.git',
      'node_modules/graphiql/graphiql.min.js',
    ];
    for (const local of locals) {
      expect({ local, ignoredBy: ignoredBy(patterns, local) }).toEqual({
        local,
        ignoredBy: expect.any(String),
      });
    }
    expect(ignoredBy(patterns, 'src/main.ts')).toBeUndefined();
  });
});
