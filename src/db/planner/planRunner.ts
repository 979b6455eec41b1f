// Runs the planned statements of one request's root fields together, in one read transaction.

import type { Db, Params } from '../run';

/** A per-request queue of planned statements; see createPlanRunner. */
export interface PlanRunner {
  /** Queues one statement; its rows arrive when the transaction of this tick's statements ends. */
  read<T = Record<string, unknown>>(cypher: string, params: Params): Promise<T[]>;
}

interface Pending {
  statement: { cypher: string; params: Params };
  resolve(rows: Record<string, unknown>[]): void;
  reject(error: unknown): void;
}

/**
 * Collects the statements queued in one tick and runs them in one read transaction
 * (db.readAll), in queue order. GraphQL calls the resolvers of an operation's root fields
 * one after another in the same tick, so every planned root field of a query shares one
 * transaction, as DataLoader batches the loads of one tick. A failing transaction rejects
 * every statement of it.
 */
export function createPlanRunner(db: Db): PlanRunner {
  let queue: Pending[] = [];

  function flush(): void {
    const batch = queue;
    queue = [];
    db.readAll(batch.map((pending) => pending.statement)).then(
      (results) => batch.forEach((pending, index) => pending.resolve(results[index] ?? [])),
      (error: unknown) => batch.forEach((pending) => pending.reject(error)),
    );
  }

  return {
    read<T>(cypher: string, params: Params): Promise<T[]> {
      return new Promise<T[]>((resolve, reject) => {
        if (queue.length === 0) process.nextTick(flush);
        queue.push({ statement: { cypher, params }, resolve: resolve as (rows: unknown[]) => void, reject });
      });
    },
  };
}
