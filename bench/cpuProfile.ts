// Reads a V8 CPU profile (the inspector's Profiler.stop, or node --cpu-prof) into the tables a
// person needs to see where a request's CPU goes: self time by module and by function, and the
// time spent inside each function (its callees included).

/** The parts of V8's Profile object read here. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  /** Microseconds since the previous sample. */
  timeDeltas: number[];
}

/**
 * A source location's group: the npm package under node_modules, our file under src/ or bench/,
 * node's internals, or V8's own entries ("(garbage collector)", "(program)", "(idle)").
 */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1] as string;
  const ours = /\/dist\/((?:src|bench)\/.*)$/.exec(url);
  if (ours) return ours[1] as string;
  if (url.startsWith('node:')) return 'node:internal';
  return url;
}

interface Timing {
  key: string;
  ms: number;
}

function top(map: Map<string, number>, count: number): Timing[] {
  return [...map.entries()]
    .map(([key, us]) => ({ key, ms: us / 1000 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count);
}

/** Self time by module and function, and inclusive time by function, in ms; `count` rows of each. */
export function profileTimes(profile: CpuProfile, count: number) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const functionKey = (id: number): string => {
    const frame = byId.get(id)!.callFrame;
    const where = moduleOf(frame.url, frame.functionName);
    return `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
  };
  const selfByModule = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') return;
    totalUs += delta;
    const module = moduleOf(frame.url, frame.functionName);
    selfByModule.set(module, (selfByModule.get(module) ?? 0) + delta);
    const key = functionKey(id);
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + delta);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const name = functionKey(at);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + delta);
    }
  });
  return {
    totalMs: totalUs / 1000,
    selfByModule: top(selfByModule, count),
    selfByFunction: top(selfByFunction, count),
    inclusive: top(inclusive, count * 2),
  };
}

/** The three tables of profileTimes as text, each row "ms  percent  key". */
export function profileSummary(profile: CpuProfile, count: number): string {
  const times = profileTimes(profile, count);
  const rows = (title: string, timings: Timing[]) => [
    title,
    ...timings.map(
      (timing) =>
        `${timing.ms.toFixed(1).padStart(9)} ms ${((100 * timing.ms) / times.totalMs).toFixed(1).padStart(5)}%  ${timing.key}`,
    ),
  ];
  return [
    `busy ${times.totalMs.toFixed(1)} ms`,
    ...rows('self time by module:', times.selfByModule),
    ...rows('self time by function:', times.selfByFunction),
    ...rows('time inside function (callees included):', times.inclusive),
  ].join('\n');
}
