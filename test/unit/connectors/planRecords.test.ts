// The connector runner's planning against stored states: unchanged by content hash, created with
// a CREATE entry, updated with the previous values undo needs, lists merged, relationships audited
// only when both ends existed before the run.

import { planLink, planNode, recordHash, storedHash } from '../../../src/connectors/planRecords';
import type { LinkRecord, NodeRecord } from '../../../src/connectors/source';

const project: NodeRecord = {
  kind: 'node',
  label: 'Project',
  id: 'cordis-101',
  properties: { acronym: 'ALPHA', title: 'A title' },
  onCreate: { keywords: [] },
  union: { sources: ['https://cordis.europa.eu/project/id/101'] },
};

const partnership: LinkRecord = {
  kind: 'link',
  shape: { type: 'PARTNER_IN', from: 'Organisation', to: 'Project' },
  from: 'org-pic-1',
  to: 'cordis-101',
  properties: { role: 'COORDINATOR' },
};

describe('recordHash', () => {
  it('is equal for equal records and differs when a property changes', () => {
    expect(recordHash(project)).toBe(recordHash({ ...project }));
    expect(recordHash(project)).not.toBe(
      recordHash({ ...project, properties: { ...project.properties, title: 'B' } }),
    );
    expect(recordHash(partnership)).toHaveLength(22);
  });
});

describe('a node the identity resolver created flagged possibly duplicate', () => {
  const organisation: NodeRecord = {
    kind: 'node',
    label: 'Organisation',
    id: 'org-pic-999900041',
    properties: { shortName: 'SAIG' },
  };
  const flagged: NodeRecord = {
    ...organisation,
    identityReview: { possibleDuplicateOf: ['org-pic-999900040'] },
  };

  it('hashes as the row it was made from: the same row matched by its PIC next run is unchanged', () => {
    expect(recordHash(flagged)).toBe(recordHash(organisation));
  });

  it('carries the flag when it is created, and never writes it on an update (a curator may have cleared it)', () => {
    expect(planNode(flagged, undefined, 'CORDIS_HORIZON_2020', 'h1').props).toMatchObject({
      shortName: 'SAIG',
      possibleDuplicateOf: ['org-pic-999900040'],
    });
    const cleared = { id: 'org-pic-999900041', shortName: 'OLD', possibleDuplicateOf: [] };
    const update = planNode(flagged, cleared, 'CORDIS_HORIZON_2020', 'h2');
    expect(update.outcome).toBe('updated');
    expect(update.props).not.toHaveProperty('possibleDuplicateOf');
  });
});

describe('planNode', () => {
  it('creates a missing node with its onCreate properties, dataset and hash', () => {
    const plan = planNode(project, undefined, 'cordis-horizon', 'h1');
    expect(plan.outcome).toBe('created');
    expect(plan.props).toEqual({
      keywords: [],
      acronym: 'ALPHA',
      title: 'A title',
      sources: ['https://cordis.europa.eu/project/id/101'],
      datasets: ['cordis-horizon'],
      sourceHashes: ['cordis-horizon=h1'],
    });
    expect(plan.audit).toMatchObject({ action: 'CREATE', entityLabel: 'Project', entityId: 'cordis-101' });
  });

  it('finds a node unchanged when the hash its dataset stored is the same', () => {
    const state = {
      id: 'cordis-101',
      title: 'edited by a curator',
      sourceHashes: ['ror=x', 'cordis-horizon=h1'],
    };
    expect(planNode(project, state, 'cordis-horizon', 'h1')).toMatchObject({
      outcome: 'unchanged',
      props: {},
    });
  });

  it('updates an existing node, keeping its lists and other datasets and recording what undo needs', () => {
    const state = {
      id: 'cordis-101',
      acronym: 'ALPHA',
      title: 'Old title',
      keywords: ['kept'],
      sources: ['https://example.org/seed'],
      datasets: ['seed'],
      sourceHashes: ['seed=s', 'cordis-horizon=h0'],
      updatedAt: '2026-01-01T00:00:00.000Z',
      importRunId: null,
    };
    const plan = planNode(project, state, 'cordis-horizon', 'h1');
    expect(plan.outcome).toBe('updated');
    expect(plan.fields).toEqual(['title', 'sources', 'datasets']);
    expect(plan.props).not.toHaveProperty('keywords');
    expect(plan.props).toMatchObject({
      sources: ['https://example.org/seed', 'https://cordis.europa.eu/project/id/101'],
      datasets: ['seed', 'cordis-horizon'],
      sourceHashes: ['seed=s', 'cordis-horizon=h1'],
    });
    expect(plan.audit).toMatchObject({
      action: 'UPDATE',
      previous: {
        title: 'Old title',
        sources: ['https://example.org/seed'],
        datasets: ['seed'],
        sourceHashes: ['seed=s', 'cordis-horizon=h0'],
      },
      previousStamp: {
        updatedAt: '2026-01-01T00:00:00.000Z',
        importFile: null,
        importRunId: null,
        lastChangedBy: null,
      },
    });
  });
});

describe('planNode with seat coordinates', () => {
  const organisation = (properties: Record<string, unknown>): NodeRecord => ({
    kind: 'node',
    label: 'Organisation',
    id: 'org-pic-999900001',
    properties,
  });
  const address = {
    latitude: 59.8586,
    longitude: 17.6389,
    coordinatesPrecision: 'PRECISE',
    coordinatesSource: 'CORDIS_HORIZON_EUROPE',
  };
  const city = {
    latitude: 59.8585,
    longitude: 17.6454,
    coordinatesPrecision: 'CITY',
    coordinatesSource: 'ROR',
  };

  it("finds a node unchanged when ROR's city would replace the address CORDIS gave, and records ROR's hash", () => {
    const plan = planNode(organisation(city), { id: 'org-pic-999900001', ...address }, 'ROR', 'r1');
    expect(plan.fields).toEqual(['datasets']);
    expect(plan.props).not.toHaveProperty('latitude');
    expect(plan.props.sourceHashes).toEqual(['ROR=r1']);
  });

  it("replaces ROR's city by the address a CORDIS export gives, and audits the city for undo", () => {
    const plan = planNode(
      organisation(address),
      { id: 'org-pic-999900001', ...city },
      'CORDIS_HORIZON_EUROPE',
      'c1',
    );
    expect(plan.props).toMatchObject(address);
    expect(plan.audit?.previous).toMatchObject(city);
  });
});

describe('storedHash', () => {
  it("reads one dataset's hash among several", () => {
    expect(storedHash({ sourceHashes: ['a=1', 'ab=2'] }, 'ab')).toBe('2');
    expect(storedHash({ sourceHashes: ['a=1'] }, 'ab')).toBeNull();
    expect(storedHash(undefined, 'a')).toBeNull();
  });
});

describe('planLink', () => {
  it('creates a missing relationship without an audit entry when an end is new in this run', () => {
    const plan = planLink(partnership, undefined, 'cordis-horizon', 'h1', true);
    expect(plan).toMatchObject({
      outcome: 'created',
      props: { role: 'COORDINATOR', dataset: 'cordis-horizon', sourceHash: 'h1' },
      audit: null,
    });
  });

  it('audits a relationship between nodes that existed before, with its whole previous property map', () => {
    const state = { role: 'PARTNER', dataset: 'cordis-horizon', sourceHash: 'h0', origin: 'import' };
    const plan = planLink(partnership, state, 'cordis-horizon', 'h1', false);
    expect(plan.outcome).toBe('updated');
    expect(plan.fields).toEqual(['role']);
    expect(plan.audit).toMatchObject({
      action: 'LINK',
      entityLabel: 'Organisation',
      entityId: 'org-pic-1',
      relatedLabel: 'Project',
      relatedId: 'cordis-101',
      relationship: 'PARTNER_IN',
      previousStamp: state,
    });
  });

  it('finds a relationship unchanged by its stored hash', () => {
    expect(planLink(partnership, { sourceHash: 'h1' }, 'x', 'h1', false).outcome).toBe('unchanged');
  });

  it('keeps the hash of each dataset that asserts a relationship, so two exports run in turn rewrite nothing the second time', () => {
    let state: Record<string, unknown> | undefined;
    const outcomes: string[] = [];
    for (const [dataset, hash] of [
      ['cordis-h2020', 'hA'],
      ['cordis-horizon', 'hB'],
      ['cordis-h2020', 'hA'],
      ['cordis-horizon', 'hB'],
    ] as const) {
      const plan = planLink(partnership, state, dataset, hash, false);
      outcomes.push(plan.outcome);
      if (plan.outcome !== 'unchanged') state = { ...state, ...plan.props };
    }
    expect(outcomes).toEqual(['created', 'updated', 'unchanged', 'unchanged']);
    expect(state).toMatchObject({
      dataset: 'cordis-horizon',
      sourceHashes: ['cordis-h2020=hA', 'cordis-horizon=hB'],
    });
    // A changed record of one dataset is still an update, its provenance bookkeeping not a field.
    const changed = planLink(partnership, state, 'cordis-h2020', 'hC', false);
    expect(changed.outcome).toBe('updated');
    expect(changed.fields).toEqual(['dataset']);
  });
});
