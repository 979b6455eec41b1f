// What a connector run tells its caller: counts per label and relationship shape, the source's
// tallies (e.g. the scope rules) and lists (e.g. the review list), the malformed rows skipped,
// what vanished since an earlier run of the dataset, and the run's id and data version.

import type { DerivationSummary } from '../derivation';
import { addCounts, emptyCounts, type ImportCounts } from '../import/importReport';
import type {
  ConnectorDataset,
  ConnectorRefusalCode,
  MalformedRow,
  ReadContext,
  ReadProgress,
} from './source';

export type ConnectorStatus = 'imported' | 'unchanged' | 'dry-run' | 'rejected';

/** Created, updated and unchanged records of one label or relationship shape, with samples. */
export type RecordCounts = ImportCounts;

/** A listed report section: every entry counted, the first kept. */
export interface ListedSection {
  count: number;
  kept: Array<Record<string, unknown>>;
}

export interface VanishedNodes {
  /** Nodes of the label that an earlier run of the dataset wrote and this export no longer has. */
  count: number;
  sample: string[];
}

export interface ConnectorReport {
  connector: string;
  dataset: ConnectorDataset;
  input: string;
  format: string;
  status: ConnectorStatus;
  dryRun: boolean;
  /** Id of this run (an ImportRun node once anything committed; `--rollback <id>` undoes it). */
  runId: string;
  /** Why the input was refused (status rejected), else null. */
  refusal: string | null;
  /** The refusal's code (CONNECTOR_REFUSAL_CODES), else null. */
  refusalCode: ConnectorRefusalCode | null;
  /** Records the source emitted (after duplicates within the run were dropped). */
  records: number;
  /** Records emitted again within the run (same label and id, or same relationship): the first was kept. */
  duplicates: number;
  nodes: Record<string, RecordCounts>;
  links: Record<string, RecordCounts>;
  malformed: MalformedRow[];
  malformedCount: number;
  tallies: Record<string, Record<string, number>>;
  lists: Record<string, ListedSection>;
  vanished: { nodes: Record<string, VanishedNodes>; links: Record<string, number> };
  /** The data version of the last committed batch; null when nothing was written. */
  dataVersion: number | null;
  /**
   * The links the rule book derived, in the run's batches, for the projects and calls the records
   * created or changed in a field a rule reads (a dry run: would derive), per rule and target.
   */
  derived: DerivationSummary;
  durationMs: number;
}

/** The progress a run reports: the reading (check or write pass) and the records written. */
export interface RunProgress extends ReadProgress {
  phase: 'check' | 'write';
  /** Records planned (and written, unless a dry run) so far. */
  records: number;
}

/** Collects what a source reports into the parts of a ConnectorReport. */
export class ReportCollector {
  readonly malformed: MalformedRow[] = [];
  malformedCount = 0;
  readonly tallies: Record<string, Record<string, number>> = {};
  readonly lists: Record<string, ListedSection> = {};
  readonly nodes: Record<string, RecordCounts> = {};
  readonly links: Record<string, RecordCounts> = {};

  constructor(private readonly maxListed: number) {}

  /**
   * The context a pass reads with. The check pass records malformed rows; the write pass reads
   * the same rows again, so only its tallies and lists count.
   */
  context(
    phase: RunProgress['phase'],
    progress: (progress: RunProgress) => void,
    records: () => number,
  ): ReadContext {
    return {
      malformed: (row) => {
        if (phase !== 'check') return;
        this.malformedCount += 1;
        if (this.malformed.length < this.maxListed) this.malformed.push(row);
      },
      tally: (section, key, by = 1) => {
        if (phase === 'check') return;
        const tally = (this.tallies[section] ??= {});
        tally[key] = (tally[key] ?? 0) + by;
      },
      list: (section, entry) => {
        if (phase === 'check') return;
        const listed = (this.lists[section] ??= { count: 0, kept: [] });
        listed.count += 1;
        if (listed.kept.length < this.maxListed) listed.kept.push(entry);
      },
      progress: (read) => progress({ ...read, phase, records: records() }),
    };
  }

  /** Adds a batch's counts per label or shape. */
  add(target: 'nodes' | 'links', counts: ReadonlyMap<string, ImportCounts>): void {
    for (const [key, batchCounts] of counts) addCounts((this[target][key] ??= emptyCounts()), batchCounts);
  }
}
