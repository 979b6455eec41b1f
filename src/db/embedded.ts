// Starts and stops the embedded Neo4j 5.26 of neo4j/ (the Maven launcher) as a child
// process, for development, tests and CI on machines without Docker.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../config';

/** The launcher project and the jar its `mvn package` produces. */
export const LAUNCHER_DIR = path.join(PROJECT_ROOT, 'neo4j');
export const LAUNCHER_JAR = path.join(LAUNCHER_DIR, 'target', 'neo4j-launcher.jar');

/** Raised when the embedded database cannot run here; the message says what to do instead. */
export class EmbeddedNeo4jError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedNeo4jError';
  }
}

/**
 * Raised when another process's Neo4j holds the data folder's store lock: usually a running
 * server (`npm start`) whose folder a command (`npm run import`, `seed`, `keys`) was started on.
 * The message is one line saying so and how to reach that server instead (NEO4J_URI).
 */
export class DataFolderInUseError extends EmbeddedNeo4jError {
  constructor(
    readonly dataDir: string,
    /** The Bolt address the folder's live Neo4j recorded at start-up (BOLT_ADDRESS_FILE), if known. */
    readonly runningUri: string | null,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Neo4j (a running server?); ` +
        (runningUri === null
          ? "point this command at that server's Bolt port with NEO4J_URI=bolt://127.0.0.1:<port> " +
            '(NEO4J_EMBEDDED_PORT, or the port its start-up log names), or stop the server'
          : `point this command at it with NEO4J_URI=${runningUri}, or stop the server`),
    );
    this.name = 'DataFolderInUseError';
  }
}

/**
 * File in the data folder where a started Neo4j records its Bolt address and launcher pid, so
 * that a command started on the same folder can say which NEO4J_URI reaches it. Removed on stop.
 */
export const BOLT_ADDRESS_FILE = 'permed-bolt-address.json';

/** The Bolt address recorded in `dataDir` by a Neo4j whose launcher still runs; null otherwise. */
export function runningBoltAddress(dataDir: string): string | null {
  try {
    const recorded = JSON.parse(fs.readFileSync(path.join(dataDir, BOLT_ADDRESS_FILE), 'utf8')) as {
      uri?: unknown;
      pid?: unknown;
    };
    if (typeof recorded.uri !== 'string' || typeof recorded.pid !== 'number') return null;
    process.kill(recorded.pid, 0);
    return recorded.uri;
  } catch {
    // No file, a file of another shape, or its launcher is gone (a crash left it behind).
    return null;
  }
}

const ALTERNATIVES =
  'Install a JDK 17 or newer (Debian/Ubuntu: `apt-get install openjdk-17-jdk-headless maven`), ' +
  'or run the stack with Docker (`docker compose up`), ' +
  'or point the API at a running Neo4j 5.26 with NEO4J_URI=bolt://host:7687 (plus NEO4J_USER and NEO4J_PASSWORD).';

export interface EmbeddedNeo4jOptions {
  /** Folder for the database files; created when missing. */
  dataDir: string;
  /** Bolt port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** JAVA_HOME to use; null or undefined uses `java` and `mvn` from PATH. */
  javaHome?: string | null;
  pageCacheMiB?: number;
  /** How long to wait for the ready line, in milliseconds (default 180000). */
  startTimeoutMs?: number;
  /** Receives the launcher's log lines (stderr); default discards them. */
  log?: (line: string) => void;
}

/** How the launcher process ended: its exit code, or the signal that ended it. */
export interface EmbeddedExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface EmbeddedNeo4j {
  /** bolt://127.0.0.1:<port> */
  readonly uri: string;
  /** The Bolt port it listens on (a restart on the same data folder reuses it). */
  readonly port: number;
  readonly pid: number;
  /**
   * Calls `listener` once when the launcher process ends after it was ready, whether it was
   * stopped or died (killed, out of memory); the supervisor tells the two apart.
   */
  onExit(listener: (exit: EmbeddedExit) => void): void;
  /** Sends SIGTERM, waits for a clean shutdown (SIGKILL after `timeoutMs`). Idempotent. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Finds `java` (and `mvn`), builds the launcher jar if missing, starts it and waits until ready. */
export async function startEmbeddedNeo4j(options: EmbeddedNeo4jOptions): Promise<EmbeddedNeo4j> {
  const java = javaExecutable(options.javaHome ?? null);
  assertJavaRuns(java);
  ensureLauncherBuilt(options.javaHome ?? null, options.log);

  fs.mkdirSync(options.dataDir, { recursive: true });
  const port = options.port && options.port > 0 ? options.port : await freePort();
  const args = [
    '-Dpermedgraph.exitOnStdinEof=true',
    // Neo4j's own heap need for a small graph; the page cache is set separately.
    '-Xms256m',
    '-Xmx1g',
    '-jar',
    LAUNCHER_JAR,
    String(port),
    options.dataDir,
    String(options.pageCacheMiB ?? 128),
  ];
  const child = spawn(java, args, { stdio: ['pipe', 'pipe', 'pipe'], cwd: LAUNCHER_DIR });
  const log = options.log ?? (() => undefined);
  const stderrTail: string[] = [];
  forEachLine(child.stderr, (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.shift();
    log(line);
  });

  const uri = await waitForReadyLine(child, options.startTimeoutMs ?? 180_000, stderrTail, options.dataDir);
  const addressFile = path.join(options.dataDir, BOLT_ADDRESS_FILE);
  fs.writeFileSync(addressFile, `${JSON.stringify({ uri, pid: child.pid ?? -1 })}\n`);
  const exitListeners: Array<(exit: EmbeddedExit) => void> = [];
  let exited: EmbeddedExit | null =
    child.exitCode !== null || child.signalCode !== null
      ? { code: child.exitCode, signal: child.signalCode }
      : null;
  // Failing to signal a child that already died is no reason to crash the server.
  child.on('error', () => undefined);
  child.once('exit', (code, signal) => {
    exited = { code, signal };
    fs.rmSync(addressFile, { force: true });
    for (const listener of exitListeners.splice(0)) listener(exited);
  });
  let stopping: Promise<void> | null = null;
  return {
    uri,
    port,
    pid: child.pid ?? -1,
    onExit(listener) {
      if (exited !== null) listener(exited);
      else exitListeners.push(listener);
    },
    stop(timeoutMs = 60_000) {
      stopping ??= stopChild(child, timeoutMs);
      return stopping;
    },
  };
}

function javaExecutable(javaHome: string | null): string {
  return javaHome ? path.join(javaHome, 'bin', 'java') : 'java';
}

function assertJavaRuns(java: string): void {
  const probe = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? probe.error.message : `exit code ${probe.status}`;
    throw new EmbeddedNeo4jError(
      `Java is needed for the embedded Neo4j but "${java}" could not run (${why}). ${ALTERNATIVES}`,
    );
  }
  const version = /version "(\d+)/.exec(`${probe.stderr}${probe.stdout}`);
  if (version && Number(version[1]) < 17) {
    throw new EmbeddedNeo4jError(
      `Neo4j 5.26 needs Java 17 or newer; "${java}" is Java ${version[1]}. ${ALTERNATIVES}`,
    );
  }
}

/** Builds neo4j/target/neo4j-launcher.jar with Maven when it is missing or older than its sources. */
export function ensureLauncherBuilt(javaHome: string | null, log?: (line: string) => void): void {
  if (fs.existsSync(LAUNCHER_JAR) && !launcherSourcesNewerThanJar()) return;
  log?.(
    'Building the embedded Neo4j launcher with Maven (first run only; downloads Neo4j 5.26 from Maven Central)...',
  );
  const env = { ...process.env, ...(javaHome ? { JAVA_HOME: javaHome } : {}) };
  const build = spawnSync('mvn', ['-B', '-q', '-f', path.join(LAUNCHER_DIR, 'pom.xml'), 'package'], {
    encoding: 'utf8',
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (build.error) {
    throw new EmbeddedNeo4jError(
      `Maven is needed once to build the embedded Neo4j launcher but "mvn" could not run (${build.error.message}). ${ALTERNATIVES}`,
    );
  }
  if (build.status !== 0 || !fs.existsSync(LAUNCHER_JAR)) {
    const output = `${build.stdout}\n${build.stderr}`.trim().split('\n').slice(-30).join('\n');
    throw new EmbeddedNeo4jError(`Building the Neo4j launcher failed (mvn exit ${build.status}):\n${output}`);
  }
}

function launcherSourcesNewerThanJar(): boolean {
  const jarTime = fs.statSync(LAUNCHER_JAR).mtimeMs;
  const sources = [path.join(LAUNCHER_DIR, 'pom.xml'), ...listFiles(path.join(LAUNCHER_DIR, 'src'))];
  return sources.some((file) => fs.statSync(file).mtimeMs > jarTime);
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

/** Asks the OS for a free loopback port; the tiny race until Neo4j binds it is acceptable here. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function forEachLine(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
    }
  });
}

function waitForReadyLine(
  child: ChildProcess,
  timeoutMs: number,
  stderrTail: string[],
  dataDir: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      // Neo4j's store lock (org.neo4j.io.locker.FileLockException, thrown by
      // DatabaseManagementServiceBuilder.build): one line instead of the launcher's stack trace.
      if (stderrTail.some((line) => line.includes('FileLockException') || line.includes('already locked'))) {
        reject(new DataFolderInUseError(dataDir, runningBoltAddress(dataDir)));
        return;
      }
      reject(
        new EmbeddedNeo4jError(
          `Embedded Neo4j did not start: ${reason}.\n${stderrTail.slice(-15).join('\n')}`,
        ),
      );
    };
    const timer = setTimeout(() => fail(`no ready line within ${timeoutMs} ms`), timeoutMs);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`the launcher exited (code ${code}, signal ${signal})`));
    forEachLine(child.stdout, (line) => {
      const match = /^NEO4J_READY (\S+)/.exec(line.trim());
      if (match?.[1]) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.removeAllListeners('error');
        resolve(match[1]);
      }
    });
  });
}

function stopChild(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
