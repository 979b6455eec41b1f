/** @jest-environment-options {"graphAccess": "exclusive"} */
// Three API processes behind HAProxy, sharing Redis for their budgets and the test Neo4j: requests
// spread over the replicas, one client has one budget, a write through one replica is read
// through another, a killed replica costs only its requests in flight, a draining one answers
// what it holds, and the load balancer routes around both (health checks on /ready).

import net from 'node:net';
import { SignJWT } from 'jose';
import { startCluster, waitFor, type ReplicaCluster } from '../../../bench/replicaCluster';
import { rememberSourceDatasets } from '../../helpers/sourceDatasets';
import { openTestDatabase, type TestDatabase } from '../../helpers/testDatabase';

const JWT_SECRET = 'replica-test-secret-of-at-least-32-characters';
const PREFIX = `replicas-${process.pid}-`;
const SOURCE = 'https://www.eppermed.eu/';
const START_BOUND_MS = 420_000;

let cluster: ReplicaCluster;
let database: TestDatabase;
let forgetSourceDatasets: (() => Promise<void>) | null = null;
const tokens: Record<'reader' | 'curator', string> = { reader: '', curator: '' };

async function jwt(role: string): Promise<string> {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`${PREFIX}${role}`)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(JWT_SECRET));
}

interface Answer {
  status: number;
  replica: string | null;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> };
}

async function post(base: string, query: string, options: { token?: string; variables?: object } = {}) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token && { authorization: `Bearer ${options.token}` }),
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const text = await response.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    // HAProxy's own error pages are HTML.
    body = { errors: [{ extensions: { code: `HTTP ${response.status}: ${text.slice(0, 80)}` } }] };
  }
  return { status: response.status, replica: response.headers.get('x-replica'), body } satisfies Answer;
}

const replicaUrl = (index: number) => `http://127.0.0.1:${cluster.replicas[index]!.port}`;

beforeAll(async () => {
  database = openTestDatabase();
  // The mutations below register the USER_IMPORT dataset; afterAll removes what they registered.
  forgetSourceDatasets = await rememberSourceDatasets(database.db);
  const uri = process.env.NEO4J_URI!;
  cluster = await startCluster({
    neo4jUri: uri,
    replicas: 3,
    startTimeoutMs: START_BOUND_MS,
    env: {
      AUTH_JWT_SECRET: JWT_SECRET,
      // A small anonymous budget that refills slowly (a point every 86 s): spent in a few requests.
      QUERY_MAX_COST: '1000',
      RATE_LIMIT_POINTS: '1000',
      RATE_LIMIT_WINDOW_S: '86400',
      // Writes through a replica took over 15 s at a load average of 31 on 2 cores.
      QUERY_TIMEOUT_MS: '120000',
      REQUEST_TIMEOUT_MS: '150000',
    },
  });
  tokens.reader = await jwt('reader');
  tokens.curator = await jwt('curator');
}, START_BOUND_MS + 60_000);

afterAll(async () => {
  await cluster?.close();
  if (database) {
    await database.db.write('MATCH (n:Project) WHERE n.id STARTS WITH $prefix DETACH DELETE n', {
      prefix: PREFIX,
    });
    await database.db.write(
      'MATCH (e:AuditEvent) WHERE e.entityId STARTS WITH $prefix OR e.actor CONTAINS $prefix DELETE e',
      { prefix: PREFIX },
    );
    await forgetSourceDatasets?.();
    await database.close();
  }
}, 120_000);

const FUNDERS = '{ funders(first: 100) { nodes { id } } }';

describe('three replicas behind a load balancer', () => {
  it('when requests go through the load balancer, then every replica answers some', async () => {
    const answers: Answer[] = [];
    for (let request = 0; request < 30; request += 1) {
      answers.push(await post(cluster.url, FUNDERS, { token: tokens.reader }));
    }
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const counts = new Map<string, number>();
    for (const answer of answers) counts.set(answer.replica!, (counts.get(answer.replica!) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['r0', 'r1', 'r2']);
  });

  it('when a client spends its budget through the load balancer, then every replica refuses it', async () => {
    let refused: Answer | null = null;
    for (let request = 0; request < 100 && refused === null; request += 1) {
      const answer = await post(cluster.url, FUNDERS);
      if (answer.status === 429) refused = answer;
      else expect(answer.status).toBe(200);
    }
    expect(refused?.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    for (let index = 0; index < 3; index += 1) {
      const answer = await post(replicaUrl(index), FUNDERS);
      expect([index, answer.status, answer.body.errors?.[0]?.extensions?.code]).toEqual([
        index,
        429,
        'RATE_LIMITED',
      ]);
    }
    // A credential is another client, with its own budget.
    expect((await post(replicaUrl(1), FUNDERS, { token: tokens.reader })).status).toBe(200);
  });

  it('when a write is accepted by one replica, then no request begun after its answer reads the old value on another', async () => {
    const id = `${PREFIX}project`;
    const read = `{ project(id: "${id}") { acronym } }`;
    const write = (acronym: string) =>
      post(replicaUrl(0), 'mutation ($input: ProjectInput!) { upsertProject(input: $input) { outcome } }', {
        token: tokens.curator,
        variables: { input: { id, acronym, sources: [SOURCE] } },
      });
    const created = await write('V0');
    if (created.body.errors) {
      throw new Error(`${JSON.stringify(created.body)}\n${cluster.replicas[0]!.log.slice(-15).join('\n')}`);
    }
    expect(created.body.data).toEqual({ upsertProject: { outcome: 'CREATED' } });
    // Readers on the two other replicas, warm caches, out of step with each other.
    const seen: Array<{ sentAt: number; acronym: unknown }> = [];
    let stop = false;
    const reader = async (base: string) => {
      while (!stop) {
        const sentAt = performance.now();
        const answer = await post(base, read, { token: tokens.reader });
        seen.push({ sentAt, acronym: (answer.body.data?.project as { acronym?: string } | null)?.acronym });
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
      }
    };
    const readers = [reader(replicaUrl(1)), reader(replicaUrl(2)), reader(cluster.url)];
    const accepted: Array<{ at: number; acronym: string }> = [];
    for (let version = 1; version <= 5; version += 1) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const acronym = `V${version}`;
      expect((await write(acronym)).body.data).toEqual({ upsertProject: { outcome: 'UPDATED' } });
      accepted.push({ at: performance.now(), acronym });
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop = true;
    await Promise.all(readers);
    const stale = seen.filter(({ sentAt, acronym }) => {
      const newest = accepted.filter((write) => write.at < sentAt).at(-1);
      return newest !== undefined && acronym !== newest.acronym && !isLater(acronym, newest.acronym);
    });
    expect(seen.filter(({ sentAt }) => sentAt > accepted[0]!.at).length).toBeGreaterThan(10);
    expect(stale).toEqual([]);
  }, 120_000);

  it('when a replica is killed under load, then only its requests in flight fail and the balancer routes around it', async () => {
    const loops = 8;
    const results: Array<{ sentAt: number; ok: boolean; why: string }> = [];
    let stop = false;
    const loop = async () => {
      while (!stop) {
        const sentAt = performance.now();
        try {
          const answer = await post(cluster.url, FUNDERS, { token: tokens.reader });
          results.push({ sentAt, ok: answer.status === 200, why: String(answer.status) });
        } catch (error) {
          results.push({ sentAt, ok: false, why: String(error) });
        }
      }
    };
    const running = Array.from({ length: loops }, loop);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    cluster.replicas[1]!.child.kill('SIGKILL');
    await waitFor('HAProxy to take r1 out', async () => (await cluster.serverStates()).r1 === 'DOWN', 20_000);
    const out = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    stop = true;
    await Promise.all(running);
    const failed = results.filter((result) => !result.ok);
    // At most one request per connection was in flight on r1 when it died.
    expect(failed.map((result) => result.why).slice(loops)).toEqual([]);
    // Requests sent once HAProxy has taken r1 out all reach a live replica.
    expect(results.filter((result) => result.sentAt > out && !result.ok)).toEqual([]);
    expect(results.filter((result) => result.sentAt > out).length).toBeGreaterThan(0);
  }, 120_000);

  it('when a replica gets SIGTERM, then it answers what it holds, leaves the pool and exits 0', async () => {
    const draining = cluster.replicas[2]!;
    // A request whose body is still arriving when the signal comes (as test/integration/shutdown).
    const body = JSON.stringify({ query: FUNDERS });
    const socket = net.connect(draining.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const held = new Promise<string>((resolve) => {
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString('utf8')));
      socket.on('close', () => resolve(received));
      socket.on('error', () => resolve(received));
    });
    socket.write(
      'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n' +
        `Authorization: Bearer ${tokens.reader}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 5)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    draining.child.kill('SIGTERM');
    await waitFor(
      'the replica to begin stopping',
      () => draining.log.some((line) => line.includes('"stopping')),
      30_000,
    );
    socket.write(body.slice(5));
    const answers: Array<number | string> = [];
    let stop = false;
    const loop = async () => {
      while (!stop) {
        answers.push(
          await post(cluster.url, FUNDERS, { token: tokens.reader }).then(
            (answer) => answer.status,
            (error: unknown) => String(error),
          ),
        );
      }
    };
    const running = [loop(), loop(), loop()];
    expect((await held).split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    expect((await draining.exited).code).toBe(0);
    await waitFor('HAProxy to take r2 out', async () => (await cluster.serverStates()).r2 === 'DOWN', 20_000);
    stop = true;
    await Promise.all(running);
    expect(answers.filter((status) => status !== 200)).toEqual([]);
    expect(answers.length).toBeGreaterThan(0);
  }, 120_000);
});

/** Whether `seen` is a version written after `expected` (V3 after V2): newer is never stale. */
function isLater(seen: unknown, expected: string): boolean {
  return typeof seen === 'string' && Number(seen.slice(1)) > Number(expected.slice(1));
}
