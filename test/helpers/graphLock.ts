// A readers-writer lock on the one test Neo4j, shared by the jest workers of an integration run:
// files that only read (or write inside transactions they roll back) hold the graph together;
// a file that commits writes holds it alone, so that no other file ever sees its records.

import fs from 'node:fs';
import path from 'node:path';

/** `shared`: reads and rolled-back writes only. `exclusive`: commits writes (then cleans them up). */
export type GraphAccess = 'shared' | 'exclusive';

export interface GraphLock {
  readonly access: GraphAccess;
  /** Gives the graph back; idempotent. */
  release(): void;
}

/** How often a waiting file looks again; the critical sections take microseconds. */
const POLL_MS = 50;
/** A mutex older than this was left by a process that died inside the critical section. */
const STALE_MUTEX_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** True while the process that wrote a holder file (`<pid>-...`) is alive. */
function alive(holderFile: string): boolean {
  const pid = Number.parseInt(path.basename(holderFile), 10);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function withMutex<T>(directory: string, work: () => T): Promise<T> {
  const mutex = path.join(directory, 'mutex');
  for (;;) {
    try {
      fs.mkdirSync(mutex);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (fs.statSync(mutex, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_MUTEX_MS) fs.rmSync(mutex, { recursive: true, force: true });
      await sleep(5);
    }
  }
  try {
    return work();
  } finally {
    fs.rmdirSync(mutex);
  }
}

/** Holder files of processes that died (a crashed worker) would block the run forever. */
function removeDeadHolders(directory: string): void {
  const holders = [
    ...fs.readdirSync(path.join(directory, 'readers')).map((name) => path.join(directory, 'readers', name)),
    ...fs.readdirSync(path.join(directory, 'writer')).map((name) => path.join(directory, 'writer', name)),
  ];
  for (const holder of holders) if (!alive(holder)) fs.rmSync(holder, { force: true });
}

const isEmpty = (folder: string) => fs.readdirSync(folder).length === 0;

/** Creates the lock's folder (once per run, in globalSetup). */
export function createGraphLock(directory: string): void {
  fs.mkdirSync(path.join(directory, 'readers'), { recursive: true });
  fs.mkdirSync(path.join(directory, 'writer'), { recursive: true });
}

/**
 * Waits until the graph can be held with `access` and holds it. Writers are preferred: once a
 * writer waits, no new reader starts, so a writer waits at most for the files already running.
 * `owner` (a test path) is written into the holder file to tell who holds the graph.
 */
export async function acquireGraph(
  directory: string,
  access: GraphAccess,
  owner: string,
): Promise<GraphLock> {
  if (access !== 'shared' && access !== 'exclusive') {
    throw new TypeError(`Expected graph access "shared" or "exclusive", received ${JSON.stringify(access)}`);
  }
  const name = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const writerFolder = path.join(directory, 'writer');
  const readersFolder = path.join(directory, 'readers');
  const holder = path.join(access === 'shared' ? readersFolder : writerFolder, name);
  for (;;) {
    const taken = await withMutex(directory, () => {
      removeDeadHolders(directory);
      if (!isEmpty(writerFolder)) return false;
      fs.writeFileSync(holder, owner);
      return true;
    });
    if (taken) break;
    await sleep(POLL_MS);
  }
  // A writer has stopped new readers; it waits for the running ones to finish.
  while (access === 'exclusive') {
    const drained = await withMutex(directory, () => {
      removeDeadHolders(directory);
      return isEmpty(readersFolder);
    });
    if (drained) break;
    await sleep(POLL_MS);
  }
  return { access, release: () => fs.rmSync(holder, { force: true }) };
}
