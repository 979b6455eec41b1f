/** @jest-environment-options {"graphAccess": "exclusive"} */
// Alone: a round-trip bound in ms (94 ms for 25 was seen beside another file on 2 cores).
// TCP_NODELAY on the driver's Bolt sockets: a statement larger than one TCP segment is
// sent at once instead of waiting ~40 ms for Neo4j's delayed ACK (src/db/noDelay.ts).

import net from 'node:net';
import { openTestDatabase, type TestDatabase } from '../../helpers/testDatabase';

let database: TestDatabase;
const noDelayCalls: Array<{ socket: net.Socket; enabled: boolean | undefined }> = [];
const original = net.Socket.prototype.setNoDelay;

beforeAll(() => {
  // Record which sockets get TCP_NODELAY; the driver below opens its sockets afterwards.
  net.Socket.prototype.setNoDelay = function recordNoDelay(this: net.Socket, enabled?: boolean) {
    noDelayCalls.push({ socket: this, enabled });
    return original.call(this, enabled);
  };
  database = openTestDatabase();
});
afterAll(async () => {
  net.Socket.prototype.setNoDelay = original;
  await database.close();
});

/** A `RETURN 1` padded with a comment to `bytes` characters. */
function paddedReturnOne(bytes: number): string {
  const head = 'RETURN 1 AS one /* ';
  return `${head}${'x'.repeat(bytes - head.length - 3)} */`;
}

describe('installBoltNoDelay', () => {
  it('when the driver opens a Bolt connection, then its socket has TCP_NODELAY set', async () => {
    await database.db.read('RETURN 1 AS one');
    const boltPort = Number(
      new URL(database.config.neo4j.mode === 'server' ? database.config.neo4j.uri : '').port,
    );
    const boltSockets = noDelayCalls.filter((call) => call.socket.remotePort === boltPort);
    expect(boltSockets.length).toBeGreaterThan(0);
    expect(boltSockets.every((call) => call.enabled === true)).toBe(true);
  });

  it('when a 3 KB statement is sent, then its median round trip stays well under the 40 ms delayed-ACK stall', async () => {
    const cypher = paddedReturnOne(3000);
    expect(Buffer.byteLength(cypher)).toBeGreaterThanOrEqual(3000);
    await database.db.read(cypher);
    const times: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      const started = performance.now();
      const rows = await database.db.read<{ one: number }>(cypher);
      times.push(performance.now() - started);
      expect(rows).toEqual([{ one: 1 }]);
    }
    times.sort((a, b) => a - b);
    // A functional check, not a benchmark: with Nagle on every one of these takes >= 40 ms.
    expect(times[4]).toBeLessThan(25);
  });
});
