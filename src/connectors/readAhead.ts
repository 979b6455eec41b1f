// An async generator read one item ahead: the next item is produced (Node's work: reading and
// parsing a file) while the caller is busy with the one before (waiting on Neo4j's writing), so
// that the two overlap on a machine with two cores. At 10,000 synthetic CORDIS projects a third
// of a scope-all run was Node reading while Neo4j waited (bench:connect --statements: statements
// 54.8 of the run's 81.2 s). Only the producing goes ahead; the caller still handles the items
// in order, one at a time, and at most one more item is held.

export class ReadAhead<T extends object> {
  private pending: Promise<{ item: T | null } | { error: unknown }>;

  constructor(private readonly items: AsyncGenerator<T>) {
    this.pending = this.read();
  }

  /** A failure is held until next() hands it over (never an unhandled rejection meanwhile). */
  private read(): ReadAhead<T>['pending'] {
    return this.items.next().then(
      (result) => ({ item: result.done === true ? null : result.value }),
      (error: unknown) => ({ error }),
    );
  }

  /** The next item (null after the last), with the producing of the one after it started; throws what the generator threw. */
  async next(): Promise<T | null> {
    const read = await this.pending;
    if ('error' in read) throw read.error;
    if (read.item !== null) this.pending = this.read();
    return read.item;
  }

  /** Stops the generator (its finally blocks run, e.g. closing files) once the item being produced is done. */
  async close(): Promise<void> {
    await this.pending;
    await this.items.return(undefined as never);
  }
}
