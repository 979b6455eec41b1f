// The API process that `npm run bench:memory` floods: started by bench/memory.ts with
// `node --expose-gc` (and the heap limit under test), configured by its environment like any
// server, answering the bench's requests for memory samples over the IPC channel.

import v8 from 'node:v8';
import { parseConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startApp } from '../src/main';

/** What the bench asks over IPC. */
export type MemoryServerRequest = { type: 'sample'; gc: boolean } | { type: 'stop' };

/** One memory sample of the server process, in bytes. */
export interface MemorySample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** V8's heap limit (--max-old-space-size and the young generation). */
  heapLimit: number;
}

/** What the server says over IPC: its URL once it serves, then one sample per request. */
export type MemoryServerMessage = { type: 'ready'; url: string } | { type: 'sample'; sample: MemorySample };

function sample(gc: boolean): MemorySample {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    if (!collect) throw new Error('bench/memoryServer.ts needs node --expose-gc');
    // Twice: the first pass finds what finalisers (WeakMaps, FinalizationRegistry) free.
    collect();
    collect();
  }
  const usage = process.memoryUsage();
  return {
    rss: usage.rss,
    heapUsed: usage.heapUsed,
    heapTotal: usage.heapTotal,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
    heapLimit: v8.getHeapStatistics().heap_size_limit,
  };
}

async function main(): Promise<void> {
  const send = (message: MemoryServerMessage) => process.send?.(message);
  const config = parseConfig(process.env);
  const app = await startApp(config, createLogger(config.logLevel));
  await app.analyticsReady();
  process.on('message', (request: MemoryServerRequest) => {
    if (request.type === 'sample') send({ type: 'sample', sample: sample(request.gc) });
    else void app.stop().then(() => process.exit(0));
  });
  send({ type: 'ready', url: app.url });
}

main().catch((error: unknown) => {
  process.stderr.write(`memory server failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
