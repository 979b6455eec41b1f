// Every function exported by src/db, against a driver double: reads open READ sessions (a cluster
// routes them to secondaries), writes open WRITE sessions (the leader), every session carries the
// process's bookmark manager. The functions are enumerated from the modules' exports, so a new
// one fails here until it is given its access mode below.

import fs from 'node:fs';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { PROJECT_ROOT } from '../../../src/config';
import { createDb, type Db } from '../../../src/db/run';
import { FUNDERS_BY_PROJECT_ID, GAP_LINKS_BY_PROJECT_ID, PROJECTS } from '../../../src/db/projects';

/** A session as the double saw it opened. */
interface OpenedSession {
  defaultAccessMode: string;
  bookmarkManager: unknown;
  database: string;
}

/** A driver whose sessions answer every statement with no rows and record how they were opened. */
function driverDouble(): { driver: Driver; sessions: OpenedSession[] } {
  const sessions: OpenedSession[] = [];
  const result = () => Promise.resolve({ records: [], summary: {} });
  const transaction = { run: result };
  const driver = {
    session(config: OpenedSession) {
      sessions.push(config);
      return {
        run: result,
        executeRead: (work: (tx: unknown) => unknown) => work(transaction),
        executeWrite: (work: (tx: unknown) => unknown) => work(transaction),
        close: () => Promise.resolve(),
      };
    },
  };
  return { driver: driver as unknown as Driver, sessions };
}

type Mode = 'READ' | 'WRITE';
/**
 * How each export touches Neo4j: a session of one mode (with a call that reaches it), or a reason
 * why it opens none of its own (pure Cypher text, the caller's transaction, the driver itself).
 */
type Expectation = { mode: Mode; call: (db: Db) => unknown } | { none: string };

const PURE = { none: 'builds Cypher, parameters or values; opens no session' };
const CALLER = { none: "runs in the transaction it is given (a write batch's, or readerOf(db)'s reads)" };
const PROCESS = { none: 'the driver, the embedded Neo4j or its supervision, not a statement' };

const PAGE = { defaultPageSize: 20, maxPageSize: 100 };
const ALL = Symbol('drain');

/** Runs an async generator to its end (the dumps). */
async function drain(generator: AsyncGenerator<unknown>): Promise<typeof ALL> {
  for await (const item of generator) void item;
  return ALL;
}

const EXPECTED: Record<string, Expectation> = {
  'apiKeys.findApiKey': { mode: 'READ', call: (db) => m('apiKeys').findApiKey(db, 'k1') },
  'apiKeys.listApiKeys': { mode: 'READ', call: (db) => m('apiKeys').listApiKeys(db) },
  'apiKeys.insertApiKey': {
    mode: 'WRITE',
    call: (db) =>
      m('apiKeys').insertApiKey(
        db,
        { id: 'k1', name: 'n', role: 'reader', secretHash: 'h', createdAt: 'now' },
        'me',
      ),
  },
  'apiKeys.revokeApiKey': { mode: 'WRITE', call: (db) => m('apiKeys').revokeApiKey(db, 'k1', 'me') },
  'audit.entityKey': PURE,
  'audit.writeAuditEvents': CALLER,
  'audit.entityHistory': { mode: 'READ', call: (db) => m('audit').entityHistory(db, 'Project', 'p', 5) },
  'connect.openGraph': PROCESS,
  'batchDerivation.BatchDerivation': CALLER,
  'batchDerivation.derivationAuditEntries': PURE,
  'connectorWrites.connectorNodeStates': CALLER,
  'connectorWrites.writeConnectorNodes': CALLER,
  'connectorWrites.restoreConnectorNode': CALLER,
  'connectorWrites.deleteConnectorNodes': CALLER,
  'connectorWrites.linkKey': PURE,
  'connectorWrites.connectorLinkStates': CALLER,
  'connectorWrites.writeConnectorLinks': CALLER,
  'connectorWrites.restoreConnectorLink': CALLER,
  'connectorWrites.datasetNodeIds': CALLER,
  'connectorWrites.datasetLinkCount': CALLER,
  'derivedLinks.readStoredProjects': CALLER,
  'derivedLinks.readCallsForProjects': CALLER,
  'derivedLinks.readStoredCalls': CALLER,
  'derivedLinks.readGapObjectives': CALLER,
  'derivedLinks.readGapTexts': CALLER,
  'derivedLinks.readDiseaseAreaTerms': CALLER,
  'derivedLinks.projectsOfCalls': CALLER,
  'derivedLinks.projectsWithoutCall': CALLER,
  'derivedLinks.projectsWithStaleCallLinks': CALLER,
  'derivedLinks.writeInferredLinks': CALLER,
  'derivedLinks.restoreInferredLink': CALLER,
  'derivedLinks.projectIdsAfter': {
    mode: 'READ',
    call: (db) => m('derivedLinks').projectIdsAfter(db, null, 10),
  },
  'derivedLinks.allCallIds': { mode: 'READ', call: (db) => m('derivedLinks').allCallIds(db) },
  'derivedLinks.derivableCounts': { mode: 'READ', call: (db) => m('derivedLinks').derivableCounts(db) },
  'countQuery.countStatement': PURE,
  'curation.readerOf': { mode: 'READ', call: (db) => m('curation').readerOf(db).run('RETURN 1', {}) },
  'curation.entityStatesCypher': PURE,
  'curation.readEntityStates': CALLER,
  'curation.existingIds': CALLER,
  'curation.callYears': CALLER,
  'curation.organisationCandidates': CALLER,
  'curation.organisationsById': CALLER,
  'curation.organisationsInCountry': CALLER,
  'curation.ensureCountries': CALLER,
  'curation.writeEntities': CALLER,
  'curation.deleteEntity': CALLER,
  'curation.projectLinkOf': PURE,
  'curation.readProjectLinks': CALLER,
  'curation.writeProjectLinks': CALLER,
  'curation.removeProjectLink': CALLER,
  'curation.setPartnership': CALLER,
  'curation.removePartnership': CALLER,
  'diseaseAreas.readDiseaseAreas': { mode: 'READ', call: (db) => m('diseaseAreas').readDiseaseAreas(db) },
  'diseaseAreas.diseaseAreasByProjectId': {
    mode: 'READ',
    call: (db) => m('diseaseAreas').diseaseAreasByProjectId(db, ['p'], null),
  },
  'driver.createDriver': PROCESS,
  'dump.readDumpCounts': { mode: 'READ', call: (db) => m('dump').readDumpCounts(db) },
  'dump.dumpNodes': { mode: 'READ', call: (db) => drain(m('dump').dumpNodes(db)) },
  'dump.dumpRelationships': { mode: 'READ', call: (db) => drain(m('dump').dumpRelationships(db)) },
  'embedded.EmbeddedNeo4jError': PROCESS,
  'embedded.DataFolderInUseError': PROCESS,
  'embedded.runningBoltAddress': PROCESS,
  'embedded.startEmbeddedNeo4j': PROCESS,
  'embedded.ensureLauncherBuilt': PROCESS,
  'embedded.freePort': PROCESS,
  'gaps.readGapProjection': { mode: 'READ', call: (db) => m('gaps').readGapProjection(db) },
  'graphStatistics.unlabelledDegreePattern': PURE,
  'graphStatistics.largestDegreeStatements': PURE,
  'graphStatistics.readLargestDegrees': {
    mode: 'READ',
    call: (db) => m('graphStatistics').readLargestDegrees(db, [m('diseaseAreas').DISEASE_AREAS_OF_PROJECT]),
  },
  'graphStatistics.largestGroupStatement': PURE,
  'graphStatistics.readLargestGroups': {
    mode: 'READ',
    call: (db) =>
      m('graphStatistics').readLargestGroups(db, [{ key: 'k', label: 'Project', property: 'year' }]),
  },
  'health.pingDatabase': { mode: 'READ', call: (db) => m('health').pingDatabase(db) },
  'health.healthReport': PURE,
  'imports.runningImports': { mode: 'READ', call: (db) => m('imports').runningImports(db) },
  'imports.importRunStatus': { mode: 'READ', call: (db) => m('imports').importRunStatus(db, 'run') },
  'imports.touchImportRun': CALLER,
  'imports.startImportRun': {
    mode: 'WRITE',
    call: (db) => m('imports').startImportRun(db, { id: 'run', status: 'RUNNING', startedAt: 'now' }),
  },
  'imports.finishImportRun': {
    mode: 'WRITE',
    call: (db) =>
      m('imports').finishImportRun(db, 'run', {
        created: 1,
        updated: 0,
        unchanged: 0,
        rows: 1,
        firstDataVersion: 1,
        lastDataVersion: 1,
      }),
  },
  'imports.importRunEvents': CALLER,
  'imports.deleteAuditEvents': CALLER,
  'imports.deleteCreated': CALLER,
  'imports.restoreStamp': CALLER,
  'imports.restoreProjectLink': CALLER,
  'imports.markRolledBack': { mode: 'WRITE', call: (db) => m('imports').markRolledBack(db, 'run') },
  'imports.importRunCounts': { mode: 'READ', call: (db) => m('imports').importRunCounts(db) },
  'knownIds.knownIdsCypher': PURE,
  'knownIds.knownIds': { mode: 'READ', call: (db) => m('knownIds').knownIds(db, ['Funder']) },
  'knownIds.existingIdsCypher': PURE,
  'knownIds.idCandidates': PURE,
  'knownIds.existingIds': {
    mode: 'READ',
    call: (db) => m('knownIds').existingIds(db, new Map([['Funder', ['f']]])),
  },
  'listQuery.filterClause': PURE,
  'listQuery.pageQuery': PURE,
  'listQuery.listNodes': {
    mode: 'READ',
    // The page and the count are read on first use.
    call: async (db) => {
      const list = await m('listQuery').listNodes(
        db,
        PROJECTS,
        { first: 5, sort: { field: 'YEAR', direction: 'DESC' } },
        PAGE,
      );
      await list.nodes();
      await list.totalCount();
    },
  },
  'lookups.idsByAcronymCypher': PURE,
  'lookups.idsByAcronym': {
    mode: 'READ',
    call: (db) => m('lookups').idsByAcronym(db, 'Funder', 'ISCIII', 5),
  },
  'lookups.lookupCandidatesCypher': PURE,
  'lookups.lookupCandidates': {
    mode: 'READ',
    call: (db) => m('lookups').lookupCandidates(db, 'Funder', 'isc'),
  },
  'matchOrganisation.normaliseOrganisationName': PURE,
  'matchOrganisation.OrganisationIndex': { none: 'an index in memory, filled by its caller' },
  'migrations.schemaStatements': PURE,
  'migrations.applySchema': { mode: 'WRITE', call: (db) => m('migrations').applySchema(db) },
  'identifiers.identifiersOf': PURE,
  'identifiers.identifiersByIdCypher': PURE,
  'identifiers.identifiersById': {
    mode: 'READ',
    call: (db) => m('identifiers').identifiersById(db, 'Organisation', ['o']),
  },
  'identifiers.idsByIdentifierCypher': PURE,
  'identifiers.idsByIdentifier': CALLER,
  'identifiers.idByIdentifier': {
    mode: 'READ',
    call: (db) => m('identifiers').idByIdentifier(db, 'Organisation', 'PIC', '999991722'),
  },
  'identifiers.ensureIdentifiers': CALLER,
  'identifiers.identifierHolders': CALLER,
  'identityReview.readPossibleDuplicates': CALLER,
  'identityReview.writePossibleDuplicates': CALLER,
  'identifiers.identityCandidatesCypher': PURE,
  'identifiers.identityCandidates': CALLER,
  'identifiers.replaceIdentifiersCypher': PURE,
  'identifiers.replaceIdentifiers': CALLER,
  'identifiers.deleteOrphanIdentifiers': CALLER,
  'identifiers.migrateIdentifierProperties': {
    mode: 'WRITE',
    call: (db) => m('identifiers').migrateIdentifierProperties(db),
  },
  'networks.identifierAttributes': PURE,
  'networks.identityReviewAttributes': PURE,
  'planRecord.completeIdentifiers': PURE,
  'sourceDatasets.registerDataset': CALLER,
  'sourceDatasets.readSourceDatasets': {
    mode: 'READ',
    call: (db) => m('sourceDatasets').readSourceDatasets(db),
  },
  'sourceDatasets.datasetRecordCountsCypher': PURE,
  'subjects.subjectFilterValues': PURE,
  'subjects.subjectsByProjectId': {
    mode: 'READ',
    call: (db) => m('subjects').subjectsByProjectId(db, ['cordis-990000001']),
  },
  'subjects.outputsByProjectId': {
    mode: 'READ',
    call: (db) => m('subjects').outputsByProjectId(db, ['cordis-990000001'], 20),
  },
  'subjects.outputCountsByProjectId': {
    mode: 'READ',
    call: (db) => m('subjects').outputCountsByProjectId(db, ['cordis-990000001']),
  },
  'sourceDatasets.datasetRecordCounts': {
    mode: 'READ',
    call: (db) => m('sourceDatasets').datasetRecordCounts(db, 'ROR'),
  },
  'networks.projectionPlan': PURE,
  'networks.networkNodesCypher': PURE,
  'networks.networkEdgesCypher': PURE,
  'networks.readNetwork': {
    mode: 'READ',
    call: (db) =>
      m('networks').readNetwork(db, {
        kind: 'COFUNDING',
        basis: 'PROJECTS',
        limit: 10,
        minWeight: 1,
        filter: {},
      }),
  },
  'networks.neighbourhoodCypher': PURE,
  'networks.aroundNodesCypher': PURE,
  'networks.readNeighbourhood': {
    mode: 'READ',
    call: (db) =>
      m('networks').readNeighbourhood(db, {
        of: { label: 'Funder', id: 'f' },
        hops: 1,
        relationshipTypes: [],
        limit: 10,
      }),
  },
  'networks.shortestPathsCypher': PURE,
  'networks.readShortestPaths': {
    mode: 'READ',
    call: (db) =>
      m('networks').readShortestPaths(db, {
        from: { label: 'Funder', id: 'a' },
        to: { label: 'Funder', id: 'b' },
        maxLength: 3,
        relationshipTypes: [],
        all: true,
        first: 5,
        via: null,
      }),
  },
  'networks.entityDisplayLabel': PURE,
  'noDelay.installBoltNoDelay': PROCESS,
  'places.centroidFields': PURE,
  'places.nodeCoordinates': PURE,
  'places.placeOf': PURE,
  'places.placesByIdCypher': PURE,
  'places.placesById': {
    mode: 'READ',
    call: (db) => m('places').placesById(db, 'Funder', ['f']),
  },
  'pagination.cursorScope': PURE,
  'pagination.encodeCursor': PURE,
  'pagination.decodeCursor': PURE,
  'pagination.pageSize': PURE,
  'pagination.PageArgumentError': PURE,
  'planRecord.completeProject': PURE,
  'planRecord.planEntity': PURE,
  'planRecord.countryCodesOf': PURE,
  'planRecord.sameCuratedLink': PURE,
  'relations.derivedRelation': PURE,
  'relations.derivationPredicate': PURE,
  'relations.derivationParams': PURE,
  'relations.relatedNodesStatement': PURE,
  'relations.relatedWithRelationshipStatement': PURE,
  'relations.derivedLinksStatement': PURE,
  'relations.relatedCountsStatement': PURE,
  'relations.relatedNodes': {
    mode: 'READ',
    call: (db) => m('relations').relatedNodes(db, FUNDERS_BY_PROJECT_ID, ['p'], 5),
  },
  'relations.relatedWithRelationship': {
    mode: 'READ',
    call: (db) => m('relations').relatedWithRelationship(db, FUNDERS_BY_PROJECT_ID, ['p'], 5),
  },
  'relations.derivedLinks': {
    mode: 'READ',
    call: (db) => m('relations').derivedLinks(db, GAP_LINKS_BY_PROJECT_ID, ['p'], {}, 5),
  },
  'relations.relatedCounts': {
    mode: 'READ',
    call: (db) => m('relations').relatedCounts(db, FUNDERS_BY_PROJECT_ID, ['p']),
  },
  'relations.nodesById': { mode: 'READ', call: (db) => m('relations').nodesById(db, 'Funder', ['f']) },
  'run.createDb': {
    none: 'the seam itself: its read, readAll, write and writeTransaction are checked below',
  },
  'run.toPlain': PURE,
  'run.cypherInt': PURE,
  'search.kindOfLabel': PURE,
  'search.searchEntities': {
    mode: 'READ',
    call: (db) => m('search').searchEntities(db, { text: 'cancer', limit: 5 }),
  },
  'searchIndex.refreshSearchProperties': CALLER,
  'searchIndex.refreshStaleSearchProperties': CALLER,
  'searchIndex.withoutSearchProperties': PURE,
  'seedGraph.seedGraph': {
    mode: 'WRITE',
    call: (db) => m('seedGraph').seedGraph(db, { manifest: { builtAt: 'now', version: '1' } }),
  },
  'seedGraph.loadedDatasetVersion': { mode: 'READ', call: (db) => m('seedGraph').loadedDatasetVersion(db) },
  'sortKeys.setSortKeysClause': PURE,
  'sortKeys.sortKeyIndexStatements': PURE,
  'sortKeys.sortKeyBackfillStatements': PURE,
  'stats.bumpDataVersion': CALLER,
  'stats.readDataVersion': { mode: 'READ', call: (db) => m('stats').readDataVersion(db) },
  'stats.readVersion': { mode: 'READ', call: (db) => m('stats').readVersion(db) },
  'stats.ensureDataEpoch': { mode: 'WRITE', call: (db) => m('stats').ensureDataEpoch(db) },
  'stats.readStats': { mode: 'READ', call: (db) => m('stats').readStats(db) },
  'supervisor.restartDelayMs': PURE,
  'supervisor.DatabaseSupervisor': PROCESS,
  'writeBatch.RollBack': { none: 'the error a write batch throws to roll back; opens nothing' },
  'writeBatch.writeBatch': {
    mode: 'WRITE',
    call: (db) => m('writeBatch').writeBatch(db, { actor: 'me', source: 'test' }, async () => 1),
  },
  'planner/compileProjection.compileProjection': PURE,
  'planner/compileProjection.bind': PURE,
  'planner/planRunner.createPlanRunner': {
    mode: 'READ',
    call: (db) => {
      const runner = m('planner/planRunner').createPlanRunner(db);
      return Promise.all([runner.read('RETURN 1', {}), runner.read('RETURN 2', {})]);
    },
  },
  'planner/rootStatements.byIdStatement': PURE,
};

/** A module of src/db by its path without extension ("stats", "planner/planRunner"), untyped for the table's calls. */
function m(name: string): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(PROJECT_ROOT, 'src', 'db', name));
}

/** Every function (or class) that a module of src/db exports, as "module.name"; re-exports counted where declared. */
function exportedFunctions(): string[] {
  const root = path.join(PROJECT_ROOT, 'src', 'db');
  const names: string[] = [];
  const visit = (folder: string) => {
    for (const entry of fs.readdirSync(path.join(root, folder), { withFileTypes: true })) {
      const relative = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(relative);
      else if (entry.name.endsWith('.ts')) {
        const name = relative.replace(/\.ts$/, '');
        const module = m(name) as Record<string, unknown>;
        for (const [key, value] of Object.entries(module)) {
          if (typeof value !== 'function') continue;
          // A re-export (planner/index.ts) is checked where it is declared.
          if (name.endsWith('/index')) continue;
          names.push(`${name}.${key}`);
        }
      }
    }
  };
  visit('');
  return names.sort();
}

describe('access modes of src/db', () => {
  const exported = exportedFunctions();

  it('gives every exported function its access mode (add a new one to EXPECTED)', () => {
    expect(exported.filter((name) => !(name in EXPECTED))).toEqual([]);
  });

  it('names no function that src/db does not export', () => {
    expect(Object.keys(EXPECTED).filter((name) => !exported.includes(name))).toEqual([]);
  });

  const withSessions = Object.entries(EXPECTED).flatMap(([name, expectation]) =>
    'mode' in expectation ? [[name, expectation.mode, expectation] as const] : [],
  );
  it.each(withSessions)(
    '%s opens only %s sessions, with the bookmark manager',
    async (name, _, expectation) => {
      expect(exported).toContain(name);
      const { driver, sessions } = driverDouble();
      const db = createDb(driver, { database: 'neo4j', queryTimeoutMs: 1000 });
      try {
        await expectation.call(db);
      } catch {
        // No rows may be an error for some (a missing node); what matters is how they asked.
      }
      expect(sessions.length).toBeGreaterThan(0);
      expect(sessions.map((session) => session.defaultAccessMode)).toEqual(
        sessions.map(() => (expectation.mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE)),
      );
      expect(new Set(sessions.map((session) => session.bookmarkManager)).size).toBe(1);
      expect(sessions[0]!.bookmarkManager).toBeDefined();
    },
  );
});

describe('createDb', () => {
  it('opens READ sessions for read and readAll, WRITE ones for write and writeTransaction, all with one bookmark manager', async () => {
    const { driver, sessions } = driverDouble();
    const db = createDb(driver, { database: 'permed', queryTimeoutMs: 1000 });
    await db.read('RETURN 1');
    await db.readAll([
      { cypher: 'RETURN 1', params: {} },
      { cypher: 'RETURN 2', params: {} },
    ]);
    await db.write('RETURN 1');
    await db.writeTransaction((tx) => tx.run('RETURN 1'));
    expect(sessions.map((session) => [session.defaultAccessMode, session.database])).toEqual([
      [neo4j.session.READ, 'permed'],
      [neo4j.session.READ, 'permed'],
      [neo4j.session.WRITE, 'permed'],
      [neo4j.session.WRITE, 'permed'],
    ]);
    expect(new Set(sessions.map((session) => session.bookmarkManager)).size).toBe(1);
  });

  it('gives a new driver (Neo4j restarted or replaced) a new bookmark manager', async () => {
    const first = driverDouble();
    const second = driverDouble();
    let current = first.driver;
    const db = createDb(() => current, { database: 'neo4j', queryTimeoutMs: 1000 });
    await db.write('RETURN 1');
    current = second.driver;
    await db.read('RETURN 1');
    expect(first.sessions[0]!.bookmarkManager).not.toBe(second.sessions[0]!.bookmarkManager);
  });
});
