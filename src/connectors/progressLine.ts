// The progress line of a connector run on stderr (cli-progress, as `npm run import` uses it): the
// pass and file being read, rows read, rows per second, the share of the input's bytes read and
// the time left. Redrawn in place on a terminal; a line every 10 s when stderr is a file or pipe.

import { Presets, SingleBar } from 'cli-progress';
import type { RunProgress } from './connectorReport';

/** Rows per second over `elapsedMs`, rounded. */
export function rowsPerSecond(rows: number, elapsedMs: number): number {
  return elapsedMs > 0 ? Math.round((rows * 1000) / elapsedMs) : 0;
}

/** Writes a run's progress to `stream`; `done()` ends the line. */
export class ProgressLine {
  private readonly bar: SingleBar;
  private started = false;
  private phaseStartedAt = Date.now();
  /** Rows of the files finished in this pass, and the current file. */
  private rowsBefore = 0;
  private file = '';
  private fileRows = 0;
  private phase = '';

  constructor(stream: NodeJS.WriteStream) {
    this.bar = new SingleBar(
      {
        format:
          '  {phase} {file} [{bar}] {percentage}% | {rows} rows, {rate} rows/s | {records} records | {eta_formatted} left',
        hideCursor: true,
        stream,
        noTTYOutput: true,
        notTTYSchedule: 10_000,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
  }

  update(progress: RunProgress): void {
    if (progress.phase !== this.phase) {
      this.phase = progress.phase;
      this.phaseStartedAt = Date.now();
      this.rowsBefore = 0;
      this.fileRows = 0;
      this.file = progress.file;
      if (this.started) this.bar.stop();
      this.started = false;
    }
    if (progress.file !== this.file) {
      this.rowsBefore += this.fileRows;
      this.file = progress.file;
    }
    this.fileRows = progress.rows;
    const rows = this.rowsBefore + progress.rows;
    const payload = {
      phase: progress.phase.padEnd(5),
      file: progress.file,
      rows: rows.toLocaleString('en'),
      rate: rowsPerSecond(rows, Date.now() - this.phaseStartedAt).toLocaleString('en'),
      records: progress.records.toLocaleString('en'),
    };
    const total = progress.totalBytes ?? Math.max(progress.bytes, 1);
    if (!this.started) {
      this.bar.start(total, progress.bytes, payload);
      this.started = true;
    } else {
      this.bar.setTotal(total);
      this.bar.update(progress.bytes, payload);
    }
  }

  done(): void {
    if (this.started) this.bar.stop();
    this.started = false;
  }
}
