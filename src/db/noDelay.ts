// Turns Nagle's algorithm off (TCP_NODELAY) on neo4j-driver's Bolt sockets, which the driver
// leaves on and offers no option for (5.28).

import net from 'node:net';
import path from 'node:path';

/**
 * Why: with Nagle on, a Bolt message larger than one segment (about 1,400 bytes on loopback)
 * sends its tail only after the peer ACKs the head, and Neo4j delays that ACK by about 40 ms.
 * A `RETURN 1` padded to 2.5 KB took 45 ms with Nagle and 1.4 ms without (issue 11); the
 * planner's single statements are often that large. Bolt frames each message completely
 * before writing it, so there is nothing for Nagle to coalesce.
 *
 * How: every NodeChannel calls its `_setupConnectionTimeout(config, socket)` once, from
 * its constructor, with the freshly created socket; the shim wraps that method to call
 * `socket.setNoDelay(true)` first. A socket that is still connecting keeps the setting and
 * applies it on connect. This reaches into the driver's internals, so the shim checks the
 * method exists and throws naming the driver version otherwise (test/integration/noDelay
 * fails then, instead of the stall silently coming back).
 *
 * Idempotent; affects every driver of the process, which is the point.
 */
export function installBoltNoDelay(): void {
  if (installed) return;
  const channel = nodeChannelClass();
  const original = channel.prototype._setupConnectionTimeout;
  if (typeof original !== 'function') {
    throw new TypeError(
      `installBoltNoDelay expects neo4j-driver's NodeChannel to have _setupConnectionTimeout (5.28), ` +
        `received a driver (${driverVersion()}) without it; update src/db/noDelay.ts`,
    );
  }
  channel.prototype._setupConnectionTimeout = function setupWithNoDelay(
    this: unknown,
    config: unknown,
    socket: unknown,
  ) {
    if (socket instanceof net.Socket) socket.setNoDelay(true);
    return original.call(this, config, socket);
  };
  installed = true;
}

let installed = false;

interface NodeChannelClass {
  prototype: { _setupConnectionTimeout?: (this: unknown, config: unknown, socket: unknown) => unknown };
}

/** The NodeChannel of the neo4j-driver this process uses (its own bolt-connection package). */
function nodeChannelClass(): NodeChannelClass {
  const driverDir = path.dirname(require.resolve('neo4j-driver/package.json'));
  const boltConnection = require.resolve('neo4j-driver-bolt-connection', { paths: [driverDir] });
  // The driver's own copy of its channel class, found at run time: a static import could load another copy.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(path.join(path.dirname(boltConnection), 'channel/node/node-channel.js')) as {
    default: NodeChannelClass;
  };
  return module.default;
}

function driverVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('neo4j-driver/package.json') as { version: string }).version;
}
