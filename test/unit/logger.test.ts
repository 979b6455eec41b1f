// createLogger: one JSON line per event with level, time, message and fields, filtered by
// level, children carrying their fields, and no credential in any line.

import { createLogger, redactSecrets, REDACTED } from '../../src/logger';

/** A debug-level logger whose lines are kept, and the lines parsed. */
function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'debug') {
  const lines: string[] = [];
  const logger = createLogger(level, (line) => lines.push(line));
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries };
}

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjdXJhdG9yLTEiLCJyb2xlIjoiY3VyYXRvciJ9.' +
  'c2lnbmF0dXJlLW9mLWEtdGVzdC10b2tlbi14eXo';
const API_KEY = `pmg_0123456789abcdef_${'S'.repeat(43)}`;

describe('createLogger', () => {
  it('writes one JSON line per event with level, ISO time, message and fields', () => {
    const { logger, lines, entries } = capture();
    logger.info('request', { method: 'GET', status: 200 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(entries()[0]).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      message: 'request',
      method: 'GET',
      status: 200,
    });
  });

  it('drops events below its level', () => {
    const { logger, entries } = capture('warn');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(entries().map((entry) => [entry.level, entry.message])).toEqual([
      ['warn', 'w'],
      ['error', 'e'],
    ]);
  });

  it('adds a child’s fields, such as the request id, to each of its lines', () => {
    const { logger, entries } = capture();
    logger.child({ requestId: 'r-1' }).error('resolver failed', { path: 'stats' });
    expect(entries()[0]).toMatchObject({ requestId: 'r-1', path: 'stats', message: 'resolver failed' });
  });

  it('writes a message as given, without printf interpolation', () => {
    const { logger, entries } = capture();
    logger.info('100% of %s done %d', {});
    expect(entries()[0]!.message).toBe('100% of %s done %d');
  });
});

describe('createLogger redaction', () => {
  it('replaces credential fields, in headers too, whatever their value', () => {
    const { logger, lines, entries } = capture();
    logger.info('request', {
      authorization: `Bearer ${JWT}`,
      password: 'hunter2-password',
      headers: {
        authorization: 'Basic dXNlcjpwYXNz',
        'x-api-key': 'raw-key-value',
        accept: 'application/json',
      },
      req: { headers: { cookie: 'session=abcdef' } },
    });
    logger.child({ token: 'child-token-value' }).info('child');
    expect(entries()[0]).toMatchObject({
      authorization: REDACTED,
      password: REDACTED,
      headers: { authorization: REDACTED, 'x-api-key': REDACTED, accept: 'application/json' },
      req: { headers: { cookie: REDACTED } },
    });
    expect(entries()[1]).toMatchObject({ token: REDACTED });
    for (const secret of [JWT, 'hunter2', 'dXNlcjpwYXNz', 'raw-key-value', 'abcdef', 'child-token-value'])
      expect(lines.join('\n')).not.toContain(secret);
  });

  it('removes JWTs, API key secrets and URI passwords from messages and string fields', () => {
    const { logger, lines, entries } = capture();
    logger.warn(`token ${JWT} refused`, {
      error: `Error: key ${API_KEY} is revoked\n    at check (auth.ts:1:1)`,
      uri: 'bolt://neo4j:s3cr3t"pw@db:7687',
      header: `Bearer ${'o'.repeat(20)}`,
    });
    const [entry] = entries();
    expect(entry).toMatchObject({
      message: `token ${REDACTED} refused`,
      error: `Error: key pmg_0123456789abcdef_${REDACTED} is revoked\n    at check (auth.ts:1:1)`,
      uri: `bolt://neo4j:${REDACTED}@db:7687`,
      header: `Bearer ${REDACTED}`,
    });
    for (const secret of [JWT, 'S'.repeat(43), 's3cr3t', 'o'.repeat(20)])
      expect(lines[0]).not.toContain(secret);
  });

  it('leaves URIs without a password, and ports before a later @, as they are', () => {
    const line = JSON.stringify({
      uri: 'bolt://127.0.0.1:7687',
      contact: 'ops@example.org',
      other: 'neo4j://u@db',
    });
    expect(redactSecrets(line)).toBe(line);
  });
});
