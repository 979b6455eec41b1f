// startEmbeddedNeo4j without a usable Java: a clear error that says what to do instead.

import os from 'node:os';
import path from 'node:path';
import { EmbeddedNeo4jError, startEmbeddedNeo4j } from '../../../src/db/embedded';

describe('startEmbeddedNeo4j', () => {
  it('refuses to start without Java and names the alternatives', async () => {
    const failure = await startEmbeddedNeo4j({
      dataDir: path.join(os.tmpdir(), 'permed-no-java'),
      javaHome: path.join(os.tmpdir(), 'no-such-jdk'),
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EmbeddedNeo4jError);
    const message = (failure as Error).message;
    expect(message).toContain('Java is needed for the embedded Neo4j');
    expect(message).toContain('Install a JDK 17 or newer');
    expect(message).toContain('docker compose up');
    expect(message).toContain('NEO4J_URI');
  });
});
