// The rule book's version follows its content: a change of a rule or a table without a new
// entry in RULE_BOOK_VERSIONS fails here, naming the fingerprint to record.

import {
  RULE_BOOK_VERSION,
  RULE_BOOK_VERSIONS,
  ruleBookFingerprint,
} from '../../../src/derivation/ruleBookVersion';
import { GAP_KEYWORDS } from '../../../src/derivation/derivationKeywords';

/** [major, minor, patch] of a semantic version, or a failure naming it. */
function parts(version: string): [number, number, number] {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (match === null) throw new Error(`"${version}" is not major.minor.patch`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i += 1) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

describe('RULE_BOOK_VERSION', () => {
  it('is the newest entry of RULE_BOOK_VERSIONS', () => {
    expect(RULE_BOOK_VERSION).toBe(RULE_BOOK_VERSIONS[RULE_BOOK_VERSIONS.length - 1]?.version);
  });

  it('names the rule book as it is: a change of rules or tables needs a new version', () => {
    const current = ruleBookFingerprint();
    const recorded = RULE_BOOK_VERSIONS[RULE_BOOK_VERSIONS.length - 1]?.fingerprint;
    if (current !== recorded) {
      throw new Error(
        `The rule book changed since ${RULE_BOOK_VERSION}: add an entry to RULE_BOOK_VERSIONS ` +
          `(src/derivation/ruleBookVersion.ts) with a higher version, fingerprint "${current}" ` +
          'and the change in words, and a line to the changelog in docs/seeds.md.',
      );
    }
  });

  it('keeps versions increasing and fingerprints distinct', () => {
    const versions = RULE_BOOK_VERSIONS.map((entry) => entry.version);
    for (let i = 1; i < versions.length; i += 1) {
      expect(compareVersions(versions[i] ?? '', versions[i - 1] ?? '')).toBeGreaterThan(0);
    }
    const fingerprints = RULE_BOOK_VERSIONS.map((entry) => entry.fingerprint);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });
});

describe('ruleBookFingerprint', () => {
  it('changes when a keyword table gains a phrase', () => {
    const before = ruleBookFingerprint();
    const table = GAP_KEYWORDS.rows[0] as { phrases: readonly string[] };
    const phrases = table.phrases;
    table.phrases = [...phrases, 'an extra phrase'];
    try {
      expect(ruleBookFingerprint()).not.toBe(before);
    } finally {
      table.phrases = phrases;
    }
    expect(ruleBookFingerprint()).toBe(before);
  });
});
