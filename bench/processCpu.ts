// CPU time of the embedded Neo4j that this process started, read from /proc: the figure the
// peer benches divide by requests or statements.

import fs from 'node:fs';

/** The Neo4j launcher: the java child of this process. */
export function neo4jPid(): number {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (stat.includes('(java)') && Number(fields[1]) === process.pid) return Number(entry);
    } catch {
      // The process ended while the folder was read.
    }
  }
  throw new Error('No java child process: is the embedded Neo4j running?');
}

/** CPU time (user + system) of a process so far, in ms, from /proc (clock ticks of 10 ms). */
export function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of proc(5), utime and stime; this slice starts at field 3.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
