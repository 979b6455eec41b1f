// The filter bar shared by the network and map views: programme, kind of call, call, years,
// country, gap and dataset. Options come from the API once; fields the server lacks are not shown.

import { graphql, inputFieldNames } from './api';
import { h, select, textInput } from './dom';

export interface Catalogue {
  programmes: { id: string; shortName: string }[];
  calls: { id: string; shortTitle: string | null; year: number | null; kind: string }[];
  gaps: { id: string; shortName: string }[];
  callKinds: string[];
  /** The datasets loaded (Query.datasets), curated data first: the dataset control's options. */
  datasets: { id: string; name: string }[];
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
        datasets: Catalogue['datasets'];
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
          datasets {
            id
            name
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
      datasets: data.datasets,
      networkFilterFields,
    };
  })();
  return catalogue;
}

/** Short names of the datasets for the control; a dataset the explorer does not know shows its own name. */
const DATASET_LABELS: Readonly<Record<string, string>> = {
  PERMED_CURATED: 'curated partnership data',
  CORDIS_HORIZON_EUROPE: 'CORDIS Horizon Europe',
  CORDIS_HORIZON_2020: 'CORDIS Horizon 2020',
  ROR: 'ROR',
  USER_IMPORT: 'user imports',
};

/**
 * The dataset control (URL parameter `dataset`): "any", or one of the loaded datasets, each
 * option titled with the dataset's full name. Shown only when a dataset is loaded.
 */
export function datasetSelect(
  datasets: Catalogue['datasets'],
  value: string,
  onChange: (value: string) => void,
): HTMLElement | null {
  if (datasets.length === 0) return null;
  const control = select(
    'Dataset',
    'dataset',
    [['', 'any'], ...datasets.map((d): [string, string] => [d.id, DATASET_LABELS[d.id] ?? d.name])],
    value,
    onChange,
  );
  for (const option of control.querySelectorAll('option')) {
    const dataset = datasets.find((d) => d.id === option.value);
    if (dataset) option.title = dataset.name;
  }
  return control;
}

/** The dataset of the URL when it is one of the loaded datasets, else '' (any). */
export function chosenDataset(datasets: Catalogue['datasets'], params: URLSearchParams): string {
  const value = (params.get('dataset') ?? '').toUpperCase();
  return datasets.some((d) => d.id === value) ? value : '';
}

/**
 * A copy of the URL parameters whose `dataset` is the loaded dataset it names, or none: the
 * views send what the dataset control shows, never a value it cannot show.
 */
export function withLoadedDataset(catalogue: Catalogue, params: URLSearchParams): URLSearchParams {
  const copy = new URLSearchParams(params);
  const dataset = chosenDataset(catalogue.datasets, params);
  if (dataset) copy.set('dataset', dataset);
  else copy.delete('dataset');
  return copy;
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
  if (has('datasets')) {
    const dataset = datasetSelect(data.datasets, chosenDataset(data.datasets, params), (v) =>
      onChange('dataset', v),
    );
    if (dataset) controls.push(dataset);
  }
  return h('fieldset', { class: 'filters' }, h('legend', {}, 'Filters'), ...controls);
}
