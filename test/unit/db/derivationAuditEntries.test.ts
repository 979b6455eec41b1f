// The rule book's audit events: one DERIVE event per project or call, naming each link it
// added, changed or removed, with what undo needs to put each back.

import { derivationAuditEntries } from '../../../src/db/batchDerivation';
import type { StoredLink } from '../../../src/db/derivedLinks';
import { RULE_BOOK_VERSION, type InferredLinkChange } from '../../../src/derivation';
import { parseDerivedLinkKey } from '../../../src/model';

const storedOld: StoredLink = {
  type: 'ADDRESSES',
  fromId: 'p1',
  toId: 'gap-a',
  rule: 'old-rule',
  confidence: 0.4,
  evidence: 'old words',
  ruleBookVersion: '1.0.0',
  origin: 'seed',
  properties: { provenance: 'INFERRED', rule: 'old-rule', confidence: 0.4, evidence: 'old words', extra: 1 },
  relationshipId: '5:0c8f:17',
};

const changes: Array<InferredLinkChange<StoredLink>> = [
  {
    change: 'changed',
    link: {
      type: 'ADDRESSES',
      fromId: 'p1',
      toId: 'gap-a',
      rule: 'new-rule',
      confidence: 0.8,
      evidence: 'new',
    },
    previous: storedOld,
    fields: ['rule', 'confidence', 'evidence', 'ruleBookVersion'],
  },
  {
    change: 'added',
    link: {
      type: 'AT_STAGE',
      fromId: 'p1',
      toId: 'vc-x',
      rule: 'stage-rule',
      confidence: 0.6,
      evidence: 'x',
    },
    previous: null,
    fields: ['rule', 'confidence', 'evidence', 'ruleBookVersion'],
  },
  {
    change: 'removed',
    link: { ...storedOld, fromId: 'p2', toId: 'gap:with:colons' },
    previous: { ...storedOld, fromId: 'p2', toId: 'gap:with:colons' },
    fields: ['rule', 'confidence', 'evidence', 'ruleBookVersion'],
  },
  {
    change: 'added',
    link: { type: 'TARGETS', fromId: 'p1', toId: 'gap-a', rule: 'call-rule', confidence: 0.7, evidence: 'c' },
    previous: null,
    fields: ['rule', 'confidence', 'evidence', 'ruleBookVersion'],
  },
];

describe('derivationAuditEntries', () => {
  const entries = derivationAuditEntries(changes, 'derive');

  it('writes one DERIVE event per project or call, a call apart from a project of the same id', () => {
    expect(entries.map((entry) => [entry.action, entry.entityLabel, entry.entityId, entry.fields])).toEqual([
      ['DERIVE', 'Project', 'p1', ['ADDRESSES:gap-a', 'AT_STAGE:vc-x']],
      ['DERIVE', 'Project', 'p2', ['ADDRESSES:gap:with:colons']],
      ['DERIVE', 'Call', 'p1', ['TARGETS:gap-a']],
    ]);
  });

  it('holds each link before and after: added only in values, changed in both, removed only in previous', () => {
    const [p1, p2] = entries;
    expect(p1!.previous).toEqual({
      'ADDRESSES:gap-a': {
        provenance: 'INFERRED',
        rule: 'old-rule',
        confidence: 0.4,
        evidence: 'old words',
        ruleBookVersion: '1.0.0',
        origin: 'seed',
      },
    });
    expect(p1!.values).toEqual({
      'ADDRESSES:gap-a': {
        provenance: 'INFERRED',
        rule: 'new-rule',
        confidence: 0.8,
        evidence: 'new',
        ruleBookVersion: RULE_BOOK_VERSION,
        origin: 'derive',
      },
      'AT_STAGE:vc-x': {
        provenance: 'INFERRED',
        rule: 'stage-rule',
        confidence: 0.6,
        evidence: 'x',
        ruleBookVersion: RULE_BOOK_VERSION,
        origin: 'derive',
      },
    });
    expect(p2!.values).toBeNull();
    expect(p2!.previous).toHaveProperty(['ADDRESSES:gap:with:colons', 'rule'], 'old-rule');
  });

  it("keeps for undo every link's full properties before, null for a link that was not there", () => {
    expect(entries[0]!.previousStamp).toEqual({
      'ADDRESSES:gap-a': storedOld.properties,
      'AT_STAGE:vc-x': null,
    });
    expect(entries[1]!.previousStamp).toEqual({ 'ADDRESSES:gap:with:colons': storedOld.properties });
  });

  it('names links so that undo reads them back, target ids with colons included', () => {
    for (const entry of entries)
      for (const key of entry.fields) expect(parseDerivedLinkKey(key)).not.toBeNull();
    expect(parseDerivedLinkKey('ADDRESSES:gap:with:colons')).toEqual({
      type: 'ADDRESSES',
      toId: 'gap:with:colons',
    });
    expect(parseDerivedLinkKey('PARTNER_IN:org-x')).toBeNull();
    expect(parseDerivedLinkKey('no-colon')).toBeNull();
  });
});
