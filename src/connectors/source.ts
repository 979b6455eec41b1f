// The contract of a connector source, after Airbyte's and Singer's specs: a source is a small
// declared thing that names its dataset (licence and attribution included), checks its input
// without writing, and emits typed records as a stream. The runner (runner.ts) does the rest:
// the import run, batching, identity resolution, idempotence, progress and the report.

import {
  DATASET_SPECS,
  type ConnectorLabel,
  type ConnectorLinkShape,
  type DatasetId,
  type IdentityReviewProperties,
} from '../model';
import type { MatchRequest } from './organisationMatcher';

/**
 * The public dataset a source reads, as each record's provenance and the run report name it: its
 * DATASET_SPECS entry (the one place that describes each dataset) and the version read.
 */
export interface ConnectorDataset {
  /** Stable id, stored in every written node's `datasets` and relationship's `dataset`, e.g. CORDIS_HORIZON_EUROPE. */
  id: string;
  /** Human name, e.g. CORDIS - EU research projects under HORIZON EUROPE (2021-2027). */
  name: string;
  /** Where the dataset is published. */
  url: string;
  /** The licence's short name, e.g. CC BY 4.0. */
  licence: string;
  /** The attribution text the licence asks users to show. */
  attribution: string;
  /** The export's date (YYYY-MM-DD) when the input tells it, else null. */
  versionDate: string | null;
}

/** The ConnectorDataset of a dataset described in DATASET_SPECS, at the version the input tells. */
export function connectorDataset(id: DatasetId, versionDate: string | null): ConnectorDataset {
  const spec = DATASET_SPECS[id];
  if (spec.homepage === null)
    throw new TypeError(`connectorDataset expects a published dataset, received ${id} (no homepage)`);
  return {
    id: spec.id,
    name: spec.name,
    url: spec.homepage,
    licence: spec.licence,
    attribution: spec.attribution,
    versionDate,
  };
}

/**
 * A node the source emits. `properties` are the source's own and are set on every write;
 * `onCreate` only when the node is new (e.g. a name that curators may have refined since);
 * `union` lists are merged with what the node holds (e.g. `sources`).
 */
export interface NodeRecord {
  kind: 'node';
  label: ConnectorLabel;
  id: string;
  properties: Record<string, unknown>;
  onCreate?: Record<string, unknown>;
  union?: Record<string, readonly string[]>;
  /**
   * The row is an organisation to put onto the graph's Organisation or Funder by the identity
   * resolver (resolveIdentities.ts): `id` and `label` are the source's until it is matched.
   */
  match?: MatchRequest;
  /**
   * With `match`: what to write instead of `properties` when the row is put onto a record of
   * that label (a CORDIS partner onto one of our funders gives its seat, not its SME status).
   */
  propertiesAs?: Partial<Record<MatchRequest['labels'][number], Record<string, unknown>>>;
  /**
   * Set by the identity resolver on a node it creates from a row it could not match for sure
   * (possibleDuplicateOf): written when the node is created, never on an update, and outside
   * the record's content hash (planRecords.ts). It is the resolver's verdict on the graph of that
   * run, not the source's content: the next run reaches the node by the identifier it was given
   * and doubts nothing, and a curator may clear the flag; with the verdict in the hash, a ROR
   * record that joined a flagged node by name the first time and by its ROR id the second was
   * rewritten once more (bench:connect: 2,984 of 4,643 matched organisations).
   */
  identityReview?: IdentityReviewProperties;
}

/** A relationship the source emits: (from)-[:type]->(to) by the ids of its ends, with its properties. */
export interface LinkRecord {
  kind: 'link';
  shape: ConnectorLinkShape;
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

/** What a source emits. Nodes come before the relationships that reach them. */
export type ConnectorRecord = NodeRecord | LinkRecord;

/** Why a row could not be read: its line cannot be split, its field count is off, or a value is refused. */
export const MALFORMED_ROW_CODES = ['UNSPLITTABLE_LINE', 'FIELD_COUNT', 'BAD_VALUE'] as const;
export type MalformedRowCode = (typeof MALFORMED_ROW_CODES)[number];

/** A row the source could not read: skipped, and listed in the run report. */
export interface MalformedRow {
  file: string;
  /** Line number in the file (the header is line 1). */
  line: number;
  /** What kind of fault (absent when the source does not classify it). */
  code?: MalformedRowCode;
  reason: string;
}

/** How far the reading is, for the progress line. */
export interface ReadProgress {
  /** The file being read, e.g. project.csv. */
  file: string;
  /** Rows read from that file so far. */
  rows: number;
  /** Bytes read from the input so far and in all (null when unknown), across its files. */
  bytes: number;
  totalBytes: number | null;
}

/** What a source reports to while it reads (the runner collects it into the report). */
export interface ReadContext {
  /** A skipped row. */
  malformed(row: MalformedRow): void;
  /** Adds `by` (default 1) to the tally `key` of a report section, e.g. ('scope', 'euroscivoc'). */
  tally(section: string, key: string, by?: number): void;
  /** An entry of a listed report section (kept up to a limit, all counted), e.g. the review list. */
  list(section: string, entry: Record<string, unknown>): void;
  progress(progress: ReadProgress): void;
}

/**
 * One input of one source, opened (cheap checks done: it exists, it is of the source's format).
 * `check` and `read` may be called in turn; each reads the input afresh.
 */
export interface ConnectorSource {
  /** The connector's name, e.g. cordis (the CLI's first argument). */
  name: string;
  dataset: ConnectorDataset;
  /** The input as the run records it: a file or folder name, e.g. cordis-HORIZONprojects-csv.zip. */
  inputName: string;
  /** e.g. zip, folder. */
  format: string;
  /** SHA-256 of the input's bytes, recorded on the import run. */
  sha256: string;
  /** Labels of the nodes this source writes, for the report of what vanished since an earlier run. */
  labels: readonly ConnectorLabel[];
  /** Relationship shapes this source writes, for the same report. */
  shapes: readonly ConnectorLinkShape[];
  /**
   * Reads the whole input without writing and throws ConnectorInputError when it must be
   * refused (unknown header, too many malformed rows, ...); malformed rows go to `context`.
   */
  check(context: ReadContext): Promise<void>;
  /** The records, in order: nodes before the relationships that reach them. */
  read(context: ReadContext): AsyncIterable<ConnectorRecord>;
}

/**
 * Puts a batch of records onto the graph's identities before they are planned, e.g. an
 * organisation row onto an existing Organisation matched by PIC or name (reads only). Returns the
 * records to write, in order; it may rename ids (and the relationships reaching them).
 */
export type RecordResolver = (records: readonly ConnectorRecord[]) => Promise<ConnectorRecord[]>;

/**
 * Why an input was refused, as a code the report and the command line show beside the message
 * (scripts test the code, people read the message).
 */
export const CONNECTOR_REFUSAL_CODES = {
  /** The refusal of a source that gives no more precise code. */
  INPUT_REFUSED: 'the input was refused',
  INPUT_NOT_FOUND: 'a named file or folder does not exist',
  INPUT_NOT_ARCHIVE: 'a file is not an archive that can be read (or is encrypted)',
  INPUT_AMBIGUOUS: 'the same file name is in the input twice',
  MISSING_FILE: 'a file the dataset must have is absent',
  EMPTY_FILE: 'a file has no header line',
  UNKNOWN_HEADER: "a file's header is not a known header of that file",
  TOO_MANY_MALFORMED: "more of a file's rows cannot be read than the connector accepts",
  WRONG_PROGRAMME: 'the input is not of the programme asked for, or mixes programmes',
  WRONG_FORMAT: 'the input is not in the format the connector reads (extension, or not a JSON array)',
  WRONG_SCHEMA_VERSION: 'the input is in a schema version the connector does not read (ROR schema v1)',
  DOWNLOAD_FAILED: 'the dataset could not be downloaded',
  RUN_IN_PROGRESS: 'another import run is RUNNING (one import at a time)',
} as const;
export type ConnectorRefusalCode = keyof typeof CONNECTOR_REFUSAL_CODES;

/** The input was refused before anything was written; `message` names the file and what is wrong. */
export class ConnectorInputError extends Error {
  constructor(
    message: string,
    readonly code: ConnectorRefusalCode = 'INPUT_REFUSED',
  ) {
    super(message);
    this.name = 'ConnectorInputError';
  }
}
