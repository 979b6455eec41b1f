// `npm run bench:derive:profile`: where a re-placement batch of `npm run derive` spends its time.
// On a copy of the scale bench's data folder (100k by default) with every INFERRED project link
// removed first (as bench:derive does), batches of projects are placed anew in turn three ways,
// side by side: the product's write batch (links and their audit events, committed), the same
// derivation with no audit events written (committed), and the product's write batch rolled back
// (what the commit costs). Each way gets fresh projects. Prints seconds per batch and per
// statement (summed over the batches, from the Db's query observer); writes nothing to docs/.

import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { parseConfig } from '../src/config';
import { BatchDerivation } from '../src/db/batchDerivation';
import { projectIdsAfter } from '../src/db/derivedLinks';
import { bumpDataVersion } from '../src/db/stats';
import { RollBack, writeBatch } from '../src/db/writeBatch';
import { changeCount } from '../src/derivation';
import { readSeedDataset } from '../src/seed/readSeedDataset';
import type { Db } from '../src/db/run';
import { withLinksToPlace } from './deriveData';
import { integerOption } from './options';
import { dataDirOf } from './scaleData';
import { parseScaleSize } from './scaleSizes';

const ACTOR = 'cli:bench-derive-profile';
type Way = 'with audit' | 'no audit' | 'rolled back';
const WAYS: readonly Way[] = ['with audit', 'no audit', 'rolled back'];

interface Totals {
  seconds: number;
  links: number;
  batches: number;
  statements: Map<string, { ms: number; count: number }>;
}

/** A statement's name in the profile: its text on one line, cut to 110 characters. */
function statementKey(cypher: string): string {
  return cypher.replace(/\s+/g, ' ').trim().slice(0, 110);
}

async function placeBatch(db: Db, way: Way, projectIds: string[]): Promise<number> {
  if (way === 'no audit') {
    return db.writeTransaction(async (tx) => {
      await bumpDataVersion(tx, new Date().toISOString());
      const derivation = new BatchDerivation('derive', async () => undefined);
      return changeCount(await derivation.derive(tx, { projectIds }));
    });
  }
  const outcome = await writeBatch(
    db,
    { actor: ACTOR, source: 'derive', importRunId: null, derivationOrigin: 'derive' },
    async (batch) => {
      const summary = await batch.derive({ projectIds });
      if (way === 'rolled back') throw new RollBack(null);
      return summary;
    },
  );
  return changeCount(outcome.derived);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '100k' },
      'batch-size': { type: 'string', default: '1000' },
      rounds: { type: 'string', default: '4' },
    },
  });
  const batchSize = integerOption('batch-size', values['batch-size'], 1, 10_000);
  const rounds = integerOption('rounds', values.rounds, 1, 30);
  const config = parseConfig(process.env);
  const seeds = await readSeedDataset(config.seedsDir);
  const source = dataDirOf(parseScaleSize(values.size, seeds.projects.length));
  if (!fs.existsSync(source)) throw new Error(`${source} is missing: run npm run bench:derive first`);
  await withLinksToPlace(config, source, async (db) => {
    const ids = await projectIdsAfter(db, null, batchSize * rounds * WAYS.length);
    const totals = new Map<Way, Totals>(
      WAYS.map((way) => [way, { seconds: 0, links: 0, batches: 0, statements: new Map() }]),
    );
    let current: Totals | null = null;
    db.observe((event) => {
      if (current === null) return;
      const key = statementKey(event.cypher);
      const entry = current.statements.get(key) ?? { ms: 0, count: 0 };
      entry.ms += event.durationMs;
      entry.count += 1;
      current.statements.set(key, entry);
    });
    const loadAtStart = os.loadavg();
    let next = 0;
    for (let round = 0; round < rounds; round += 1) {
      for (const way of WAYS) {
        const batch = ids.slice(next, next + batchSize);
        next += batchSize;
        const total = totals.get(way)!;
        current = total;
        const started = performance.now();
        const links = await placeBatch(db, way, batch);
        const seconds = (performance.now() - started) / 1000;
        current = null;
        total.seconds += seconds;
        total.links += links;
        total.batches += 1;
        process.stdout.write(
          `round ${round + 1} ${way}: ${seconds.toFixed(2)} s, ${links} links, load ${os.loadavg()[0]!.toFixed(1)}\n`,
        );
      }
    }
    process.stdout.write(
      `\n${batchSize} projects per batch, ${rounds} batches each way; load at start ${loadAtStart
        .map((value) => value.toFixed(1))
        .join(' / ')}, at end ${os
        .loadavg()
        .map((value) => value.toFixed(1))
        .join(' / ')}\n`,
    );
    for (const [way, total] of totals) {
      const statementMs = [...total.statements.values()].reduce((sum, entry) => sum + entry.ms, 0);
      process.stdout.write(
        `\n${way}: ${(total.seconds / total.batches).toFixed(2)} s per batch, ${Math.round(total.links / total.batches)} links per batch; ` +
          `statements ${(statementMs / 1000 / total.batches).toFixed(2)} s per batch, the rest (commit, client) ` +
          `${(total.seconds / total.batches - statementMs / 1000 / total.batches).toFixed(2)} s\n`,
      );
      for (const [key, entry] of [...total.statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12))
        process.stdout.write(
          `  ${(entry.ms / 1000 / total.batches).toFixed(3)} s/batch  ${String(entry.count).padStart(5)}x  ${key}\n`,
        );
    }
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
