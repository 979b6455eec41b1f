// Record pages for funders, calls, projects, organisations, gaps and countries: the facts,
// the sources, the links onwards and, for derived links, how each was derived.

import { graphql, playgroundUrl } from './api';
import { h } from './dom';
import { formatNumber, yearText } from './format';
import { recordHash } from './state';
import type { ViewContext } from './view';

interface Derivation {
  provenance: string;
  rule: string;
  confidence: number;
  evidence: string;
}

const DERIVATION = 'derivation { provenance rule confidence evidence }';

/** One operation per kind; the root field is always aliased `record`. */
const RECORD_QUERIES: Record<string, { query: string; variable: string }> = {
  funder: {
    variable: 'id',
    query: `query ExplorerFunder($id: ID!) {
  record: funder(id: $id) {
    id name acronym kind countryCode notes uncertain sources
    country { code name } region { id name }
    programmes { id shortName }
    calls(first: 100) { id shortTitle title year }
    projects(first: 100) { id acronym title }
  }
}`,
  },
  call: {
    variable: 'id',
    query: `query ExplorerCall($id: ID!) {
  record: call(id: $id) {
    id kind year title shortTitle budgetEur fundedProjectsCount description notes uncertain sources
    programme { id shortName }
    funders(first: 100) { id acronym name }
    projects(first: 100) { id acronym title }
    gaps { gap { id shortName } ${DERIVATION} }
  }
}`,
  },
  project: {
    variable: 'id',
    query: `query ExplorerProject($id: ID!) {
  record: project(id: $id) {
    id acronym title year diseaseArea keywords description notes uncertain sources
    call { id shortTitle title }
    funders { id acronym name }
    partners { role organisation { id name countryCode } }
    gaps { gap { id shortName } ${DERIVATION} }
    stages { stage { id name } ${DERIVATION} }
    objectives { objective { id shortName } ${DERIVATION} }
  }
}`,
  },
  organisation: {
    variable: 'id',
    query: `query ExplorerOrganisation($id: ID!) {
  record: organisation(id: $id) {
    id name countryCode aliases sources
    country { code name }
    partnerships { role project { id acronym title } }
  }
}`,
  },
  knowledge_gap: {
    variable: 'id',
    query: `query ExplorerGap($id: ID!) {
  record: knowledgeGap(id: $id) {
    id shortName description notes inferred sources
    stages { stage { id name } ${DERIVATION} }
    calls { call { id shortTitle title } ${DERIVATION} }
    projects { project { id acronym title } ${DERIVATION} }
  }
}`,
  },
  country: {
    variable: 'code',
    query: `query ExplorerCountry($code: String!) {
  record: country(code: $code) { code name officialName sources }
}`,
  },
};

type AnyRecord = Record<string, unknown>;

/** A link to the record's page, or plain text for kinds that have none (stages, objectives). */
function link(kind: string, id: string, text: string): HTMLElement {
  return kind in RECORD_QUERIES ? h('a', { href: recordHash(kind, id) }, text) : h('span', {}, text);
}

function derivationText(d: Derivation): string {
  return `${d.provenance.toLowerCase()}, ${d.rule}, confidence ${formatNumber(d.confidence)}`;
}

function derivedList(
  title: string,
  kind: string,
  links: AnyRecord[],
  target: string,
  label: string,
): HTMLElement | null {
  if (links.length === 0) return null;
  return h(
    'section',
    {},
    h('h3', {}, title),
    h(
      'ul',
      { class: 'derived' },
      links.map((item) => {
        const other = item[target] as AnyRecord;
        const derivation = item['derivation'] as Derivation;
        return h(
          'li',
          { 'data-provenance': derivation.provenance },
          link(kind, String(other['id']), String(other[label] ?? other['id'])),
          h('span', { class: `badge ${derivation.provenance.toLowerCase()}` }, derivationText(derivation)),
          h('div', { class: 'evidence' }, derivation.evidence),
        );
      }),
    ),
  );
}

function plainList(
  title: string,
  kind: string,
  items: AnyRecord[],
  label: (item: AnyRecord) => string,
): HTMLElement | null {
  if (items.length === 0) return null;
  return h(
    'section',
    {},
    h('h3', {}, `${title} (${items.length})`),
    h(
      'ul',
      {},
      items.map((item) => h('li', {}, link(kind, String(item['id'] ?? item['code']), label(item)))),
    ),
  );
}

function sourcesList(sources: string[]): HTMLElement {
  return h(
    'section',
    {},
    h('h3', {}, 'Sources'),
    h(
      'ul',
      { class: 'sources' },
      sources.map((url) =>
        h('li', {}, h('a', { href: url, rel: 'noreferrer noopener', target: '_blank' }, url)),
      ),
    ),
  );
}

/**
 * Facts as a definition list; empty values are left out. Numbers are quantities (grouped:
 * "1,500,000"); a year is a name, not a quantity, and goes through {@link yearText} ("2023").
 */
function facts(entries: [string, unknown][]): HTMLElement {
  const shown = entries.filter(([, value]) => value !== null && value !== undefined && value !== '');
  return h(
    'dl',
    { class: 'facts' },
    shown.flatMap(([name, value]) => [
      h('dt', {}, name),
      h('dd', {}, typeof value === 'number' ? formatNumber(value) : String(value)),
    ]),
  );
}

/** The record's `uncertain` flag, said where it is read: above the facts it qualifies. */
function uncertainNote(record: AnyRecord): HTMLElement | null {
  if (record['uncertain'] !== true) return null;
  return h(
    'p',
    { class: 'uncertain', 'data-uncertain': 'true' },
    h('strong', {}, 'Uncertain: '),
    'at least one fact of this record comes from a weak or single source; check the sources below.',
  );
}

/** The body of a record: facts, links and sources; null when the kind has no page. */
function recordBody(kind: string, record: AnyRecord): HTMLElement[] {
  const list = (name: string) => (record[name] as AnyRecord[] | undefined) ?? [];
  const parts: (HTMLElement | null)[] = [uncertainNote(record)];
  switch (kind) {
    case 'funder':
      parts.push(
        facts([
          ['Acronym', record['acronym']],
          ['Kind', record['kind']],
          ['Country', (record['country'] as AnyRecord | null)?.['name']],
          ['Region', (record['region'] as AnyRecord | null)?.['name']],
          ['Notes', record['notes']],
        ]),
        plainList(
          'Calls',
          'call',
          list('calls'),
          (c) => `${c['shortTitle'] ?? c['title']}${c['year'] ? ` (${c['year']})` : ''}`,
        ),
        plainList('Projects funded', 'project', list('projects'), (p) => String(p['acronym'])),
      );
      break;
    case 'call':
      parts.push(
        facts([
          ['Short title', record['shortTitle']],
          ['Kind', record['kind']],
          ['Year', yearText(record['year'])],
          ['Programme', (record['programme'] as AnyRecord | null)?.['shortName']],
          ['Budget (EUR)', record['budgetEur']],
          ['Funded projects (published)', record['fundedProjectsCount']],
          ['Description', record['description']],
        ]),
        plainList('Funders', 'funder', list('funders'), (f) => String(f['acronym'] ?? f['name'])),
        plainList('Projects named in the graph', 'project', list('projects'), (p) => String(p['acronym'])),
        derivedList('Knowledge gaps targeted', 'knowledge_gap', list('gaps'), 'gap', 'shortName'),
      );
      break;
    case 'project':
      parts.push(
        facts([
          ['Title', record['title']],
          ['Year', yearText(record['year'])],
          ['Call', (record['call'] as AnyRecord | null)?.['shortTitle']],
          ['Disease area', record['diseaseArea']],
          ['Keywords', list('keywords').join('; ')],
          ['Description', record['description']],
        ]),
        plainList('Funders', 'funder', list('funders'), (f) => String(f['acronym'] ?? f['name'])),
        plainList(
          'Partners',
          'organisation',
          list('partners').map((p) => ({ ...(p['organisation'] as AnyRecord), role: p['role'] })),
          (o) => `${o['name']} (${o['countryCode']}, ${String(o['role']).toLowerCase()})`,
        ),
        derivedList('Knowledge gaps addressed', 'knowledge_gap', list('gaps'), 'gap', 'shortName'),
        derivedList('Value-chain stages', 'stage', list('stages'), 'stage', 'name'),
        derivedList('Objectives advanced', 'objective', list('objectives'), 'objective', 'shortName'),
      );
      break;
    case 'organisation':
      parts.push(
        facts([
          ['Country', (record['country'] as AnyRecord | null)?.['name']],
          ['Also known as', list('aliases').join('; ')],
        ]),
        plainList(
          'Projects',
          'project',
          list('partnerships').map((p) => ({ ...(p['project'] as AnyRecord), role: p['role'] })),
          (p) => `${p['acronym']} (${String(p['role']).toLowerCase()})`,
        ),
      );
      break;
    case 'knowledge_gap':
      parts.push(
        facts([
          ['Description', record['description']],
          ['Notes', record['notes']],
          ['Named by the sources', record['inferred'] ? 'no (inferred)' : 'yes'],
        ]),
        derivedList('Stages where the gap lies', 'stage', list('stages'), 'stage', 'name'),
        derivedList('Calls targeting it', 'call', list('calls'), 'call', 'shortTitle'),
        derivedList('Projects addressing it', 'project', list('projects'), 'project', 'acronym'),
      );
      break;
    case 'country':
      parts.push(
        facts([
          ['Code', record['code']],
          ['Official name', record['officialName']],
        ]),
      );
      break;
  }
  parts.push(sourcesList((record['sources'] as string[] | undefined) ?? []));
  return parts.filter((part): part is HTMLElement => part !== null);
}

async function fetchRecord(
  kind: string,
  id: string,
): Promise<{ record: AnyRecord | null; query: string; variables: AnyRecord } | null> {
  const spec = RECORD_QUERIES[kind];
  if (!spec) return null;
  const variables = { [spec.variable]: id };
  const data = await graphql<{ record: AnyRecord | null }>(spec.query, variables);
  return { record: data.record, query: spec.query, variables };
}

function titleOf(record: AnyRecord): string {
  return String(
    record['acronym'] ?? record['shortTitle'] ?? record['shortName'] ?? record['name'] ?? record['id'],
  );
}

/** The record as a short panel (network and map side panels); null for kinds without a page. */
export async function recordSummary(kind: string, id: string): Promise<HTMLElement | null> {
  const found = await fetchRecord(kind.toLowerCase(), id);
  if (!found?.record) return null;
  return h('div', { class: 'summary' }, recordBody(kind.toLowerCase(), found.record));
}

/** Renders #/record/<kind>/<id>. */
export async function renderRecordView(ctx: ViewContext): Promise<void> {
  const [kind = '', id = ''] = ctx.route.path;
  const found = await fetchRecord(kind, id);
  if (!found) {
    ctx.main.append(h('p', { class: 'error', role: 'alert' }, `There is no record page for “${kind}”.`));
    ctx.ready({ sections: 0 });
    return;
  }
  if (!found.record) {
    ctx.main.append(
      h('p', { class: 'error', role: 'alert' }, `No ${kind.replace('_', ' ')} has the id “${id}”.`),
    );
    ctx.ready({ sections: 0 });
    return;
  }
  const body = recordBody(kind, found.record);
  ctx.main.append(
    h(
      'article',
      { class: 'record' },
      h('h2', {}, titleOf(found.record)),
      h('p', { class: 'kind' }, kind.replace('_', ' ')),
      body,
    ),
  );
  ctx.setActions({ query: playgroundUrl(found.query, found.variables) });
  ctx.ready({ sections: body.length });
}
