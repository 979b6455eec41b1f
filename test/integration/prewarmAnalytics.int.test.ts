/** @jest-environment-options {"graphAccess": "exclusive"} */
// The analytics prewarm over the real database: it computes each data version's shared
// analytics once, in the background, into the memo the requests read; a write (a raised data
// version) makes it compute them again for the new version only; a request finds them there;
// stop() ends it.

import { VersionedMemo } from '../../src/cache/versionedCache';
import { createHttpApp } from '../../src/http/app';
import { createContext } from '../../src/context';
import { PROJECT_FACTS } from '../../src/db/gaps';
import type { QueryEvent } from '../../src/db/run';
import { bumpDataVersion, readDataVersion } from '../../src/db/stats';
import { silentLogger } from '../../src/logger';
import * as coverageMatrixModule from '../../src/analytics/coverageMatrix';
import * as whiteSpotsModule from '../../src/analytics/whiteSpots';
import { gapProjection, gapQueries } from '../../src/resolvers/gaps';
import type { GraphStatistics } from '../../src/resolvers/graphStatistics';
import { type AnalyticsPrewarm, startAnalyticsPrewarm } from '../../src/resolvers/prewarmAnalytics';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
const log: QueryEvent[] = [];
let unobserve: () => void;
let prewarm: AnalyticsPrewarm | null = null;

beforeAll(() => {
  database = openTestDatabase();
  unobserve = database.db.observe((event) => log.push(event));
});

afterAll(async () => {
  await prewarm?.stop();
  unobserve();
  await database.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const projectionReads = () => log.filter((event) => event.cypher === PROJECT_FACTS).length;

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 30_000) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

async function bump(): Promise<number> {
  return database.db.writeTransaction((tx) => bumpDataVersion(tx, new Date().toISOString()));
}

function requestContext(analytics: VersionedMemo) {
  const limits = {
    defaultPageSize: database.config.defaultPageSize,
    maxPageSize: database.config.maxPageSize,
  };
  return createContext({ db: database.db, limits, logger: silentLogger, analytics });
}

describe('startAnalyticsPrewarm', () => {
  it('when the data version changes, then the analytics are computed once per version and served to requests', async () => {
    const analytics = new VersionedMemo(64);
    const version = await readDataVersion(database.db);
    log.length = 0;
    prewarm = startAnalyticsPrewarm({ db: database.db, analytics, logger: silentLogger, intervalMs: 30 });
    await prewarm.ready();
    expect(prewarm.warmed).toEqual([version]);
    expect(projectionReads()).toBe(1);
    // Networks too: each default projection's node statement once.
    expect(log.filter((event) => event.cypher.includes('AS evidenceCount')).length).toBe(4);

    // Several ticks at the same version compute nothing again.
    await sleep(200);
    expect(prewarm.warmed).toEqual([version]);
    expect(projectionReads()).toBe(1);

    // A request of that version finds the projection in the memo: no statement reads it.
    const before = log.length;
    const projection = await gapProjection(requestContext(analytics));
    expect(projection.projects.length).toBeGreaterThan(0);
    expect(log.slice(before).filter((event) => event.cypher === PROJECT_FACTS)).toEqual([]);

    // whiteSpots with the SDL's default arguments was ranked by the prewarm: a request computes
    // neither its coverage matrix nor its ranking (seconds of CPU at 100,000 projects).
    const matrixSpy = jest.spyOn(coverageMatrixModule, 'coverageMatrix');
    const rankingSpy = jest.spyOn(whiteSpotsModule, 'whiteSpots');
    try {
      const resolve = gapQueries.whiteSpots as unknown as (
        parent: unknown,
        args: Record<string, unknown>,
        context: unknown,
      ) => Promise<{ rows: unknown[] }>;
      const defaults = { rows: 'GAP', stageGrain: 'MACRO', mappedOnly: true, first: 10 };
      const report = await resolve({}, defaults, requestContext(analytics));
      expect(report.rows.length).toBeGreaterThan(0);
      expect(matrixSpy).not.toHaveBeenCalled();
      expect(rankingSpy).not.toHaveBeenCalled();
      // Other arguments are computed on request, once.
      await resolve({}, { ...defaults, first: 3 }, requestContext(analytics));
      expect(rankingSpy).toHaveBeenCalledTimes(1);
    } finally {
      matrixSpy.mockRestore();
      rankingSpy.mockRestore();
    }

    // A write raises the version: the next tick computes the new version's analytics, once.
    const next = await bump();
    await until(() => prewarm!.warmed.includes(next), `version ${next} is warmed`);
    expect(prewarm.warmed).toEqual([version, next]);
    expect(projectionReads()).toBe(2);
    expect(analytics.stats().version).toBe(next);

    // The older version's entries are gone: a reader still at `version` computes its own.
    let computed = false;
    await analytics.get(version, 'gapProjection', async () => {
      computed = true;
      return projection;
    });
    expect(computed).toBe(true);
  });

  it('when the projection is too large for the memo (as at 100,000 projects), then a default whiteSpots is still served without reading it', async () => {
    await prewarm?.stop();
    prewarm = null;
    // Every result but the projection counts 1 byte; the projection counts more than the budget.
    const analytics = new VersionedMemo({
      maxEntries: 64,
      maxBytes: 1000,
      sizeOf: (result) =>
        result !== null && typeof result === 'object' && 'projects' in result && 'stages' in result
          ? 10_000
          : 1,
    });
    const own = startAnalyticsPrewarm({ db: database.db, analytics, logger: silentLogger, intervalMs: 30 });
    try {
      await own.ready();
      const resolve = gapQueries.whiteSpots as unknown as (
        parent: unknown,
        args: Record<string, unknown>,
        context: unknown,
      ) => Promise<{ rows: unknown[] }>;
      const before = log.length;
      const defaults = { rows: 'GAP', stageGrain: 'MACRO', mappedOnly: true, first: 10 };
      const report = await resolve({}, defaults, requestContext(analytics));
      expect(report.rows.length).toBeGreaterThan(0);
      expect(log.slice(before).filter((event) => event.cypher === PROJECT_FACTS)).toEqual([]);
      // Stages are checked against the projection: it is read (the memo does not hold it).
      await resolve({}, { ...defaults, stages: ['stage-1-research'] }, requestContext(analytics)).catch(
        () => null,
      );
      expect(log.slice(before).filter((event) => event.cypher === PROJECT_FACTS).length).toBe(1);
    } finally {
      await own.stop();
    }
  });

  it("when given onStatistics, then each version's graph statistics follow its analytics, read from them", async () => {
    // The first test's prewarm would warm this test's write too, and count in the log.
    await prewarm?.stop();
    prewarm = null;
    const analytics = new VersionedMemo(64);
    const received: GraphStatistics[] = [];
    const own = startAnalyticsPrewarm({
      db: database.db,
      analytics,
      logger: silentLogger,
      intervalMs: 30,
      onStatistics: (statistics) => received.push(statistics),
    });
    try {
      log.length = 0;
      await own.ready();
      const version = await readDataVersion(database.db);
      expect(received.map((statistics) => statistics.dataVersion)).toEqual([version]);
      expect(received[0]!.lists['Query.funders']).toBeGreaterThan(0);
      // The statistics read the projection and networks the prewarm warmed: one read each.
      expect(projectionReads()).toBe(1);
      expect(log.filter((event) => event.cypher.includes('AS evidenceCount')).length).toBe(4);

      const next = await bump();
      await until(() => received.at(-1)?.dataVersion === next, `statistics of version ${next}`);
      expect(received.map((statistics) => statistics.dataVersion)).toEqual([version, next]);
    } finally {
      await own.stop();
    }
  });

  it('when stopped, then no version is warmed any more', async () => {
    const analytics = new VersionedMemo(64);
    const own = startAnalyticsPrewarm({ db: database.db, analytics, logger: silentLogger, intervalMs: 30 });
    await own.ready();
    const warmed = [...own.warmed];
    await own.stop();
    await bump();
    await sleep(200);
    expect(own.warmed).toEqual(warmed);
  });

  it('when stopped while warming, then the statement in flight is ended and stop settles', async () => {
    const analytics = new VersionedMemo(64);
    const own = startAnalyticsPrewarm({ db: database.db, analytics, logger: silentLogger, intervalMs: 30 });
    await own.stop();
    expect(own.warmed).toEqual([]);
  });
});

describe('createHttpApp with ANALYTICS_PREWARM', () => {
  // The first test's prewarm would otherwise go on warming every bump of these tests.
  beforeAll(async () => {
    await prewarm?.stop();
    prewarm = null;
  });

  const appOptions = () => ({
    db: database.db,
    limits: { defaultPageSize: database.config.defaultPageSize, maxPageSize: database.config.maxPageSize },
    logger: silentLogger,
    introspection: false,
  });

  it('when the prewarm is off, then the app starts none and no projection is read', async () => {
    log.length = 0;
    const app = await createHttpApp({ ...appOptions(), prewarmAnalytics: false });
    try {
      expect(app.analyticsPrewarm).toBeNull();
      await bump();
      await sleep(200);
      expect(projectionReads()).toBe(0);
    } finally {
      await app.apollo.stop();
    }
  });

  it("when it is on, then the app's price rests on the newest version's statistics", async () => {
    const app = await createHttpApp({ ...appOptions(), prewarmAnalytics: true, prewarmIntervalMs: 30 });
    const own = app.analyticsPrewarm!;
    try {
      expect(app.protection!.statistics).toBeNull();
      await own.ready();
      expect(app.protection!.statistics?.dataVersion).toBe(await readDataVersion(database.db));
      const next = await bump();
      await until(() => app.protection!.statistics?.dataVersion === next, `statistics of version ${next}`);
    } finally {
      await own.stop();
      await app.apollo.stop();
    }
  });

  it('when it is on with its interval, then a write is warmed within that interval', async () => {
    const app = await createHttpApp({ ...appOptions(), prewarmAnalytics: true, prewarmIntervalMs: 30 });
    const own = app.analyticsPrewarm!;
    try {
      await own.ready();
      const next = await bump();
      // With the default 5 s interval this would not happen within 3 s.
      const started = Date.now();
      await until(() => own.warmed.includes(next), `version ${next} is warmed`);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await own.stop();
      await app.apollo.stop();
    }
  });
});
