// The HTTP server of the hostile-input suite: the real app on an ephemeral port over the
// test database, with its log captured, and the checks every hostile case shares (status,
// a coded JSON error body, no leak, a request id, a server that still answers).

import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { createAuthenticator } from '../../src/auth/authenticate';
import { findApiKey } from '../../src/db/apiKeys';
import { createHttpApp, type HttpApp, type HttpAppOptions } from '../../src/http/app';
import { createLogger } from '../../src/logger';
import { openTestDatabase, type TestDatabase } from './testDatabase';

export interface HostileServer {
  database: TestDatabase;
  app: HttpApp;
  port: number;
  /** Every log line written since the server started. */
  logLines: string[];
  close(): Promise<void>;
}

/** Starts the app with a debug-level log captured in `logLines`. */
export async function startHostileServer(options: Partial<HttpAppOptions> = {}): Promise<HostileServer> {
  const database = openTestDatabase();
  const logLines: string[] = [];
  const logger = createLogger('debug', (line) => logLines.push(line));
  const app = await createHttpApp({
    db: database.db,
    limits: { defaultPageSize: database.config.defaultPageSize, maxPageSize: database.config.maxPageSize },
    logger,
    introspection: true,
    authenticate: createAuthenticator({
      apiKeys: true,
      findApiKey: (id) => findApiKey(database.db, id),
      verifyJwt: null,
    }),
    ...options,
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const port = (app.httpServer.address() as AddressInfo).port;
  return {
    database,
    app,
    port,
    logLines,
    async close() {
      await app.apollo.stop();
      await database.close();
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HostileRequest {
  method?: string;
  /** Sent as is, percent-escapes and all. */
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
}

/** Sends one request with node:http (no client-side normalisation of the path or the body). */
export function send(port: number, request: HostileRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: '127.0.0.1',
        port,
        method: request.method ?? 'GET',
        path: request.path,
        headers: { connection: 'close', ...request.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** Writes raw bytes on a fresh connection and parses the one answer (for requests node:http will not send). */
export function sendRaw(port: number, bytes: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...headerLines] = text.slice(0, split).split('\r\n');
      const headers: http.IncomingHttpHeaders = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        status: Number(statusLine.split(' ')[1] ?? 0),
        headers,
        body: split < 0 ? '' : text.slice(split + 4),
      });
    });
  });
}

/** Strings that would show internals: stack frames, paths, library names. */
export const LEAK_MARKERS = [
  'stacktrace',
  '    at ',
  '/work/',
  'node_modules',
  'express',
  'neo4j-driver',
  'body-parser',
  '.ts:',
];

/** The error codes of a JSON error body, after checking its shape and that it leaks nothing. */
export function errorCodesOf(response: RawResponse): string[] {
  expect(response.headers['content-type']).toContain('application/json');
  const lower = response.body.toLowerCase();
  for (const marker of LEAK_MARKERS)
    expect([marker, lower.includes(marker.toLowerCase())]).toEqual([marker, false]);
  const body = JSON.parse(response.body) as {
    errors?: Array<{ message?: unknown; extensions?: { code?: unknown } }>;
  };
  expect(Array.isArray(body.errors) && body.errors.length > 0).toBe(true);
  return body.errors!.map((error) => {
    expect(typeof error.message).toBe('string');
    expect(typeof error.extensions?.code).toBe('string');
    return error.extensions!.code as string;
  });
}

/** Checks one hostile answer: its status, its first error code, no leak, and a request id. */
export function expectRefused(response: RawResponse, status: number, code: string): void {
  expect({ status: response.status, code: errorCodesOf(response)[0] }).toEqual({ status, code });
  expect(response.headers['x-request-id']).toEqual(expect.stringMatching(/^[\w.-]{1,64}$/));
}

/** Checks that the server still answers a simple query after a hostile case. */
export async function expectAlive(port: number): Promise<void> {
  const response = await send(port, {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ stats { dataVersion } }' }),
  });
  expect(response.status).toBe(200);
  expect(JSON.parse(response.body).data).toEqual({ stats: { dataVersion: expect.any(Number) } });
}

/** Checks that every log line is one JSON object, and that none contains any of `secrets`. */
export function expectCleanLog(lines: readonly string[], secrets: readonly string[]): void {
  for (const line of lines) {
    expect(line.includes('\n')).toBe(false);
    const entry = JSON.parse(line) as Record<string, unknown>;
    expect(typeof entry.message).toBe('string');
    if (entry.message === 'request' || entry.message === 'request refused')
      expect(typeof entry.requestId).toBe('string');
    for (const secret of secrets)
      expect([secret.slice(0, 40), line.includes(secret)]).toEqual([secret.slice(0, 40), false]);
  }
}
