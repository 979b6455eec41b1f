// The filter bar shared by the network and map views: programme, kind of call, call, years,
// country and gap. Options come from the API once; fields the server lacks are not shown.

import { graphql, inputFieldNames } from './api';
import { h, select, textInput } from './dom';

export interface Catalogue {
  programmes: { id: string; shortName: string }[];
  calls: { id: string; shortTitle: string | null; year: number | null; kind: string }[];
  gaps: { id: string; shortName: string }[];
  callKinds: string[];
  /** NetworkFilter fields the server accepts (empty when introspection is off: send all). */
  networkFilterFields: Set<string>;
}

let catalogue: Promise<Catalogue> | undefined;

/** Reads the lists the filter bar offers, once per page load. */
export function loadCatalogue(): Promise<Catalogue> {
  catalogue ??= (async () => {
    const [data, kinds, networkFilterFields] = await Promise.all([
      graphql<{
        programmes: { nodes: Catalogue['programmes'] };
        calls: { nodes: Catalogue['calls'] };
        knowledgeGaps: { nodes: Catalogue['gaps'] };
      }>(`
        query ExplorerCatalogue {
          programmes(first: 100) {
            nodes {
              id
              shortName
            }
          }
          calls(first: 100) {
            nodes {
              id
              shortTitle
              year
              kind
            }
          }
          knowledgeGaps(first: 100) {
            nodes {
              id
              shortName
            }
          }
        }
      `),
      graphql<{ __type: { enumValues: { name: string }[] | null } | null }>(
        '{ __type(name: "CallKind") { enumValues { name } } }',
      ).catch(() => ({ __type: null })),
      inputFieldNames('NetworkFilter'),
    ]);
    return {
      programmes: data.programmes.nodes,
      calls: data.calls.nodes,
      gaps: data.knowledgeGaps.nodes,
      callKinds: (kinds.__type?.enumValues ?? []).map((value) => value.name),
      networkFilterFields,
    };
  })();
  return catalogue;
}

function humanise(constant: string): string {
  return constant.charAt(0) + constant.slice(1).toLowerCase().replace(/_/g, ' ');
}

/** The filter controls; `onChange` receives the parameter name and its new value. */
export function filterBar(
  data: Catalogue,
  params: URLSearchParams,
  onChange: (name: string, value: string) => void,
): HTMLElement {
  const any: [string, string] = ['', 'any'];
  const has = (field: string) => data.networkFilterFields.size === 0 || data.networkFilterFields.has(field);
  const controls: HTMLElement[] = [];
  if (has('programmes')) {
    const options = data.programmes.map((p): [string, string] => [p.id, p.shortName]);
    controls.push(
      select('Programme', 'programme', [any, ...options], params.get('programme') ?? '', (v) =>
        onChange('programme', v),
      ),
    );
  }
  if (has('callKinds') && data.callKinds.length > 0) {
    const options = data.callKinds.map((kind): [string, string] => [kind, humanise(kind)]);
    controls.push(
      select('Kind of call', 'callKind', [any, ...options], params.get('callKind') ?? '', (v) =>
        onChange('callKind', v),
      ),
    );
  }
  const callOptions = data.calls.map((c): [string, string] => [
    c.id,
    `${c.shortTitle ?? c.id}${c.year ? ` (${c.year})` : ''}`,
  ]);
  controls.push(
    select('Call', 'call', [any, ...callOptions], params.get('call') ?? '', (v) => onChange('call', v)),
  );
  controls.push(
    textInput('From', 'yearFrom', params.get('yearFrom') ?? '', 'year', (v) => onChange('yearFrom', v)),
  );
  controls.push(textInput('To', 'yearTo', params.get('yearTo') ?? '', 'year', (v) => onChange('yearTo', v)));
  controls.push(
    textInput('Country', 'country', params.get('country') ?? '', 'e.g. DE,FR', (v) =>
      onChange('country', v.toUpperCase()),
    ),
  );
  const gapOptions = data.gaps.map((g): [string, string] => [g.id, g.shortName]);
  controls.push(
    select('Gap', 'gap', [any, ...gapOptions], params.get('gap') ?? '', (v) => onChange('gap', v)),
  );
  return h('fieldset', { class: 'filters' }, h('legend', {}, 'Filters'), ...controls);
}
