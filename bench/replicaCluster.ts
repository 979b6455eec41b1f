// Several API replicas behind HAProxy, sharing a Redis for their budgets and one Neo4j: the setup
// of test/integration/replicas and bench:replicas. Ports are chosen free, every process is
// stopped by close() (and killed with the test process: children get SIGKILL on its exit), and
// every wait is bounded, so that a failing run never hangs CI.

import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config';
import { freePort } from '../src/db/embedded';

/** Debian packages and the binaries they bring. */
const PACKAGES = { 'redis-server': '/usr/bin/redis-server', haproxy: '/usr/sbin/haproxy' } as const;

/**
 * The path of `name`'s binary, installing its Debian package once when it is missing and we may
 * (root with apt-get, as CI runs), else an error saying what to install.
 */
export function binaryOf(name: keyof typeof PACKAGES): string {
  const known = PACKAGES[name];
  if (fs.existsSync(known)) return known;
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(
      `The replica tests need ${name}: install it (Debian/Ubuntu: \`apt-get install ${name}\`).`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', name], {
    stdio: 'ignore',
    env,
  });
  if (!fs.existsSync(known)) throw new Error(`apt-get installed ${name} but ${known} is missing`);
  return known;
}

/** Every child started here, killed when the process exits however it exits. */
const children = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): ChildProcess {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));
  }
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Waits for `predicate` every 50 ms, failing with `what` after `timeoutMs`. */
export async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Stops `child` with `signal`, then SIGKILL after `graceMs`. */
async function stop(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 15_000,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = exitOf(child);
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A redis-server without persistence on a free loopback port. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops it (SIGTERM); start() brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const binary = binaryOf('redis-server');
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    const started = track(
      spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    child = started;
    let out = '';
    started.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    await waitFor(
      `redis-server on port ${port}`,
      () => {
        if (started.exitCode !== null) throw new Error(`redis-server exited ${started.exitCode}: ${out}`);
        return out.includes('Ready to accept connections');
      },
      30_000,
    );
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    stop: async () => {
      if (child) await stop(child);
      child = null;
    },
  };
}

/** One API process. */
export interface Replica {
  readonly name: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Its log lines (JSON, stderr). */
  readonly log: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ClusterOptions {
  /** The Neo4j every replica uses (NEO4J_URI). */
  neo4jUri: string;
  replicas: number;
  /** Budgets in a Redis started here (default), or in each process's memory. */
  budgetStore?: 'redis' | 'memory';
  /** More environment for the replicas (limits, AUTH_JWT_SECRET, ...). */
  env?: Record<string, string>;
  /** Run src/cli/serve.ts from source (tests) or dist/src/cli/serve.js (bench, after npm run build). */
  from?: 'source' | 'dist';
  /** Longest wait for the whole cluster to serve. */
  startTimeoutMs?: number;
}

export interface ReplicaCluster {
  /** The load balancer, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly replicas: Replica[];
  readonly redis: RedisServer | null;
  /** HAProxy's view of each replica: UP, DOWN, MAINT, ... by replica name. */
  serverStates(): Promise<Record<string, string>>;
  /** Stops everything started here. Idempotent. */
  close(): Promise<void>;
}

/** Starts `serve` with `env`; resolves once it prints that it is serving. */
async function startReplica(
  name: string,
  env: Record<string, string>,
  from: 'source' | 'dist',
  timeoutMs: number,
): Promise<Replica> {
  const port = await freePort();
  const args =
    from === 'source'
      ? ['-r', './test/helpers/registerTs.js', 'src/cli/serve.ts']
      : ['dist/src/cli/serve.js'];
  const child = track(
    spawn(process.execPath, args, {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const log: string[] = [];
  child
    .stderr!.setEncoding('utf8')
    .on('data', (chunk: string) => log.push(...chunk.split('\n').filter(Boolean)));
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = exitOf(child);
  await waitFor(
    `replica ${name} to serve`,
    () => {
      if (child.exitCode !== null) {
        throw new Error(
          `replica ${name} exited ${child.exitCode} before serving:\n${log.slice(-20).join('\n')}`,
        );
      }
      return out.includes('is serving');
    },
    timeoutMs,
  );
  return { name, port, child, log, exited };
}

/** HAProxy in front of `replicas`: round robin, /ready checked every 500 ms, down after 2 failures. */
function haproxyConfig(port: number, socket: string, replicas: Replica[]): string {
  return [
    'global',
    '  maxconn 4096',
    `  stats socket ${socket} mode 600 level admin`,
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    // A request that could not reach a replica (refused connection, or closed before any answer:
    // a replica killed or draining its idle connections) goes to another one. Queries are reads
    // and writes are idempotent (MERGE on id), so running one again elsewhere is safe.
    '  retries 3',
    '  retry-on conn-failure empty-response',
    '  option redispatch 1',
    'frontend api',
    `  bind 127.0.0.1:${port}`,
    '  default_backend replicas',
    'backend replicas',
    '  balance roundrobin',
    '  option httpchk GET /ready',
    '  http-check expect status 200',
    // A refused connection (a dead or draining replica) fails a check at once; a slow /ready
    // only after 5 s: at a load average of 32 on 2 cores, 500 ms checks took live replicas out.
    '  timeout check 5s',
    '  default-server inter 500ms fall 2 rise 2',
    // Which replica answered, for tests and the bench.
    '  http-response set-header x-replica %[srv_name]',
    ...replicas.map((replica) => `  server ${replica.name} 127.0.0.1:${replica.port} check`),
    '',
  ].join('\n');
}

/** Sends one command to HAProxy's stats socket and returns its answer. */
function haproxyCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const connection = net.createConnection(socket, () => connection.end(`${command}\n`));
    connection.setEncoding('utf8');
    connection.on('data', (chunk: string) => (answer += chunk));
    connection.on('end', () => resolve(answer));
    connection.on('error', reject);
    connection.setTimeout(5000, () => connection.destroy(new Error('HAProxy stats socket timed out')));
  });
}

/**
 * Starts Redis (unless budgets are in memory), `replicas` API processes on `neo4jUri` and HAProxy,
 * and waits until HAProxy sees every replica UP. Anything started is stopped when starting fails.
 */
export async function startCluster(options: ClusterOptions): Promise<ReplicaCluster> {
  const from = options.from ?? 'source';
  const timeoutMs = options.startTimeoutMs ?? 300_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-replicas-'));
  const replicas: Replica[] = [];
  let redis: RedisServer | null = null;
  let haproxy: ChildProcess | null = null;
  let closed: Promise<void> | null = null;
  const close = () =>
    (closed ??= (async () => {
      if (haproxy) await stop(haproxy, 'SIGTERM', 5000);
      await Promise.all(replicas.map((replica) => stop(replica.child)));
      await redis?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    })());
  try {
    const haproxyBinary = binaryOf('haproxy');
    if ((options.budgetStore ?? 'redis') === 'redis') redis = await startRedis();
    const env: Record<string, string> = {
      NEO4J_URI: options.neo4jUri,
      SEED_ON_START: 'false',
      LOG_LEVEL: 'info',
      ...(redis && { RATE_LIMIT_STORE: redis.url }),
      ...options.env,
    };
    // One after the other: several JVM-free Node starts at once only slow each other down.
    for (let index = 0; index < options.replicas; index += 1) {
      replicas.push(await startReplica(`r${index}`, env, from, timeoutMs));
    }
    const port = await freePort();
    const socket = path.join(dir, 'haproxy.sock');
    const configFile = path.join(dir, 'haproxy.cfg');
    fs.writeFileSync(configFile, haproxyConfig(port, socket, replicas));
    const started = track(
      spawn(haproxyBinary, ['-db', '-f', configFile], { stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    haproxy = started;
    let haproxyOut = '';
    started.stderr!.setEncoding('utf8').on('data', (chunk: string) => (haproxyOut += chunk));
    const serverStates = async (): Promise<Record<string, string>> => {
      const csv = await haproxyCommand(socket, 'show stat');
      // "# pxname,svname,...,status,..." then one line per frontend, server and backend.
      const [header = '', ...rows] = csv.split('\n').filter(Boolean);
      const columns = header.replace(/^# /, '').split(',');
      const name = columns.indexOf('svname');
      const status = columns.indexOf('status');
      const states: Record<string, string> = {};
      for (const row of rows) {
        const cells = row.split(',');
        const server = cells[name] ?? '';
        if (server !== 'FRONTEND' && server !== 'BACKEND' && server !== '')
          states[server] = cells[status] ?? '';
      }
      return states;
    };
    await waitFor(
      'HAProxy to see every replica UP',
      async () => {
        if (started.exitCode !== null) throw new Error(`haproxy exited ${started.exitCode}: ${haproxyOut}`);
        if (!fs.existsSync(socket)) return false;
        const states = await serverStates();
        return replicas.every((replica) => states[replica.name] === 'UP');
      },
      30_000,
    );
    return { url: `http://127.0.0.1:${port}`, replicas, redis, serverStates, close };
  } catch (error) {
    await close();
    throw error;
  }
}
