// How much of the funded work an answer rests on: the projects the graph names against those
// the calls in scope published, and the low-support flag every index and score carries.

/** Fewer named projects than this behind an index or score, and it is flagged lowSupport. */
export const LOW_SUPPORT_PROJECT_COUNT = 5;

/** True when a measure rests on fewer than LOW_SUPPORT_PROJECT_COUNT (5) projects. */
export function lowSupport(projectCount: number): boolean {
  return projectCount < LOW_SUPPORT_PROJECT_COUNT;
}

/** A call as the coverage block reads it. */
export interface CoverageCallFacts {
  id: string;
  /** Short title, e.g. JTC2024. */
  label: string;
  /** GraphQL CallKind; events fund nothing and are left out. */
  kind: string;
  /** Published number of funded projects; null when unpublished. */
  fundedProjectsCount: number | null;
  /** Projects of the call that the graph names. */
  namedProjectIds: readonly string[];
}

/** The coverage block: the named sample against what the calls in scope published. */
export interface SampleCoverage {
  /** Distinct named projects the answer counts (in its scope). */
  namedProjectCount: number;
  /** Funding calls in scope (events left out), sorted. */
  callIds: string[];
  /** Of those, the calls that publish their number of funded projects, sorted. */
  publishingCallIds: string[];
  /** Σ of the published counts; null when no call in scope publishes one. */
  publishedProjectCount: number | null;
  /** Named projects of the publishing calls (anywhere in the graph). */
  namedOfPublishedCount: number;
  /** namedOfPublishedCount / publishedProjectCount; null without a published count. */
  namedShare: number | null;
  /** Funding calls in scope of which the graph names no project, sorted. */
  callIdsWithoutNamedProjects: string[];
  /** The minConfidence the answer applied to derived links; null when it uses none. */
  minConfidence: number | null;
  /** namedProjectCount < 5. */
  lowSupport: boolean;
  /** The above in words, ending with how to read the numbers. */
  explanation: string;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function listOf(labels: readonly string[], most = 8): string {
  if (labels.length <= most) return labels.join(', ');
  return `${labels.slice(0, most).join(', ')} and ${labels.length - most} more`;
}

/**
 * The coverage block of an answer that counts `projectIds` (the named projects in its scope)
 * and whose scope holds `calls`. Published counts are the calls' own (calls.json); a call
 * publishing none adds nothing to publishedProjectCount. Pure.
 */
export function sampleCoverage(
  projectIds: Iterable<string>,
  calls: readonly CoverageCallFacts[],
  minConfidence: number | null = null,
): SampleCoverage {
  const named = new Set(projectIds);
  const funding = calls.filter((call) => call.kind !== 'EVENT').sort((a, b) => a.id.localeCompare(b.id));
  const publishing = funding.filter((call) => call.fundedProjectsCount !== null);
  const published = publishing.length
    ? publishing.reduce((sum, call) => sum + (call.fundedProjectsCount ?? 0), 0)
    : null;
  const namedOfPublishedIds = new Set(publishing.flatMap((call) => call.namedProjectIds));
  const namedOfPublished = namedOfPublishedIds.size;
  const countedOfPublished = [...namedOfPublishedIds].filter((id) => named.has(id)).length;
  const without = funding.filter((call) => call.namedProjectIds.length === 0);
  const share = published ? namedOfPublished / published : null;
  const words = [`Counts rest on ${plural(named.size, 'named project')}`];
  if (published !== null) {
    words.push(
      `the ${plural(publishing.length, 'call')} in scope that publish a count ` +
        `(${listOf(publishing.map((c) => c.label))}) ` +
        `funded ${published}, of which the graph names ${namedOfPublished} (${Math.round((share ?? 0) * 100)}%)` +
        outsideScope(namedOfPublished, countedOfPublished, named.size),
    );
  } else if (funding.length) {
    words.push(
      `none of the ${plural(funding.length, 'call')} in scope publishes how many projects it funded`,
    );
  }
  if (without.length) {
    const verb = without.length === 1 ? 'has' : 'have';
    const labels = listOf(without.map((c) => c.label));
    words.push(`${plural(without.length, 'call')} in scope ${verb} no named project (${labels})`);
  }
  let explanation = `${words.join('; ')}.`;
  explanation += lowSupport(named.size)
    ? ` Low support: fewer than ${LOW_SUPPORT_PROJECT_COUNT} projects, so indexes and scores can turn on ` +
      'a single project.'
    : ' Indexes and scores describe the named sample, not every funded project.';
  if (minConfidence !== null && minConfidence > 0) {
    explanation += ` Derived links below confidence ${minConfidence} are left out.`;
  }
  return {
    namedProjectCount: named.size,
    callIds: funding.map((call) => call.id),
    publishingCallIds: publishing.map((call) => call.id),
    publishedProjectCount: published,
    namedOfPublishedCount: namedOfPublished,
    namedShare: share,
    callIdsWithoutNamedProjects: without.map((call) => call.id),
    minConfidence,
    lowSupport: lowSupport(named.size),
    explanation,
  };
}

/**
 * The clause that reconciles the two counts a reader compares: the graph names more projects of
 * the publishing calls (anywhere) than the answer counts when some of them fall outside its
 * scope (another gap or stage, another year, a link under minConfidence). Without it a text read
 * "rest on 11 named projects ... the graph names 14" as a contradiction. Empty when all are counted.
 */
function outsideScope(namedOfPublished: number, counted: number, namedInScope: number): string {
  if (counted === namedOfPublished) return '';
  const here = `the ${namedInScope} counted here`;
  const away = "outside this answer's scope or filter";
  if (counted === 0)
    return `; none of them is among ${here}: ${namedOfPublished === 1 ? 'it falls' : 'they fall'} ${away}`;
  const rest = namedOfPublished - counted;
  return `; ${counted} of them ${counted === 1 ? 'is' : 'are'} among ${here}, the other ${rest} ${rest === 1 ? 'falls' : 'fall'} ${away}`;
}

/** A sentence for an index or score resting on `projectCount` projects, empty when support is fine. */
export function lowSupportSentence(projectCount: number): string {
  return lowSupport(projectCount)
    ? `Low support: ${plural(projectCount, 'named project')} (fewer than ${LOW_SUPPORT_PROJECT_COUNT}).`
    : '';
}

/** The evidence of a network as networkCoverage reads it. */
export interface NetworkEvidence {
  nodes: ReadonlyArray<{ id: string; kind: string }>;
  edges: ReadonlyArray<{ evidenceKind: string; evidenceIds: readonly string[] }>;
}

/**
 * The coverage block of a network: for a network weighted by projects, the projects behind
 * its edges and the calls that funded them; weighted by calls, the calls behind its edges and
 * the projects the graph names for them; a neighbourhood, its project and call nodes.
 * `calls` are every call of the graph. Isolated nodes' evidence is not in the edges and is
 * left out (rare: an isolated node shares no evidence with anyone).
 */
export function networkCoverage(
  network: NetworkEvidence,
  calls: readonly CoverageCallFacts[],
  minConfidence: number | null,
): SampleCoverage {
  const projectIds = new Set<string>();
  const callIds = new Set<string>();
  for (const edge of network.edges) {
    const bag = edge.evidenceKind === 'PROJECT' ? projectIds : edge.evidenceKind === 'CALL' ? callIds : null;
    if (bag !== null) for (const id of edge.evidenceIds) bag.add(id);
  }
  for (const node of network.nodes) {
    if (node.kind === 'PROJECT') projectIds.add(node.id);
    if (node.kind === 'CALL') callIds.add(node.id);
  }
  for (const call of calls) {
    if (callIds.has(call.id)) call.namedProjectIds.forEach((id) => projectIds.add(id));
    else if (call.namedProjectIds.some((id) => projectIds.has(id))) callIds.add(call.id);
  }
  return sampleCoverage(
    projectIds,
    calls.filter((call) => callIds.has(call.id)),
    minConfidence,
  );
}

/** A network node's support: for networks weighted by projects, fewer than 5 projects behind it. */
export function nodeLowSupport(evidenceKind: string | undefined, evidenceCount: unknown): boolean {
  return evidenceKind === 'PROJECT' && typeof evidenceCount === 'number' && lowSupport(evidenceCount);
}
