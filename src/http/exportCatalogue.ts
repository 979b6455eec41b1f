// What /export serves, as data: the entity tables, the dump and the network files, each with
// its URL pattern, parameters and a working example on the seeded graph. GET /export and the
// landing page at GET / render it; a test downloads every example.

import { EXPORT_FORMATS } from '../export/exportNetwork';
import { CALL, FUNDER, ORGANISATION, PROJECT, type EntityDef, type EntityKind } from '../model';
import { BOM_PARAMETER } from './bom';
import { EXPORT_PARAMETERS, EXPORT_PATH, EXPORT_STEMS } from './exports';
import { filterParameters, type FilterParameter } from './filterParameters';

/** The entity tables: /export/<kind>.csv, filtered like the GraphQL list of the same name. */
export const ENTITY_TABLES: Readonly<
  Record<EntityKind, { def: EntityDef; filterType: string; description: string; example: string }>
> = {
  projects: {
    def: PROJECT,
    filterType: 'ProjectFilter',
    description: 'Funded projects with their funders and partners, as projects(filter:) selects them.',
    example: 'call=jtc2022',
  },
  funders: {
    def: FUNDER,
    filterType: 'FunderFilter',
    description:
      'Funders with their country, region, programmes and calls, as funders(filter:) selects them.',
    example: 'call=jtc2024',
  },
  calls: {
    def: CALL,
    filterType: 'CallFilter',
    description:
      'Calls, actions and events with their dates, budgets and outcomes, as calls(filter:) selects them.',
    example: 'kind=joint_transnational_call&yearFrom=2023',
  },
  organisations: {
    def: ORGANISATION,
    filterType: 'OrganisationFilter',
    description:
      'Partner organisations with their country and aliases, as organisations(filter:) selects them.',
    example: 'country=es',
  },
};

/** Parameters every CSV download accepts besides its filter. */
export const CSV_OPTION_PARAMETERS = [BOM_PARAMETER] as const;

export interface CatalogueParameter {
  name: string;
  aliases: string[];
  type: string;
  description: string;
}

export interface CatalogueEntry {
  name: string;
  /** The URL pattern, e.g. /export/projects.csv or /export/cofunding.<extension>. */
  pattern: string;
  description: string;
  formats: string[];
  parameters: CatalogueParameter[];
  /** A working example on the seeded graph (a path with its query). */
  example: string;
}

function describe(parameter: FilterParameter): CatalogueParameter {
  const type = parameter.values
    ? parameter.values.map((value) => value.toLowerCase()).join(' | ')
    : parameter.type;
  return {
    name: parameter.field,
    aliases: parameter.names.filter((name) => name !== parameter.field),
    type: parameter.list ? `list of ${type} (repeated or comma-separated)` : type,
    description: parameter.description,
  };
}

const BOM: CatalogueParameter = {
  name: BOM_PARAMETER,
  aliases: [],
  type: '1 | 0',
  description: 'bom=1 starts a CSV file with a UTF-8 byte-order mark, so that Excel reads accents right.',
};

const NETWORK_DESCRIPTIONS: Record<(typeof EXPORT_STEMS)[number], { description: string; example: string }> =
  {
    cofunding: {
      description: 'Funders linked by the calls (or projects) they share: cofundingNetwork.',
      example: 'cofunding.gexf?call=jtc2024',
    },
    collaboration: {
      description: 'Countries or organisations linked by the projects they share: collaborationNetwork.',
      example: 'collaboration.geojson?level=countries',
    },
    bipartite: {
      description: 'Funders or countries linked to the gaps or objectives they fund: bipartiteNetwork.',
      example: 'bipartite.vosviewer.json?actors=countries&targets=gaps',
    },
    neighbourhood: {
      description: 'Every entity within 1 to 3 relationships of one: neighbourhood.',
      example: 'neighbourhood.graphml?kind=funder&id=isciii-es&hops=2',
    },
  };

/** Every download the server offers, tables first, then the dump, then the networks. */
export function exportCatalogue(): CatalogueEntry[] {
  const tables = (Object.keys(ENTITY_TABLES) as EntityKind[]).map((kind): CatalogueEntry => {
    const table = ENTITY_TABLES[kind];
    return {
      name: kind,
      pattern: `${EXPORT_PATH}/${kind}.csv`,
      description:
        `${table.description} Every record (not a page), in the columns of docs/import-templates/${kind}.csv, ` +
        'so the file goes back in through npm run import.',
      formats: ['csv'],
      parameters: [...filterParameters(table.filterType).map(describe), BOM],
      example: `${EXPORT_PATH}/${kind}.csv?${table.example}`,
    };
  });
  const dump: CatalogueEntry = {
    name: 'dump',
    pattern: `${EXPORT_PATH}/dump.jsonl`,
    description:
      'The whole dataset as JSON Lines: a header line (dataVersion, datasetVersion, counts), every node, ' +
      'every relationship, and an end line with the counts written.',
    formats: ['jsonl'],
    parameters: [],
    example: `${EXPORT_PATH}/dump.jsonl`,
  };
  const networks = EXPORT_STEMS.map((stem): CatalogueEntry => ({
    name: stem,
    pattern: `${EXPORT_PATH}/${stem}.<extension>`,
    description: NETWORK_DESCRIPTIONS[stem].description,
    formats: Object.values(EXPORT_FORMATS).map((format) => format.extension),
    parameters: [
      ...EXPORT_PARAMETERS[stem].map((name) => ({
        name,
        aliases: [],
        type: 'as the GraphQL argument',
        description: '',
      })),
      BOM,
    ],
    example: `${EXPORT_PATH}/${NETWORK_DESCRIPTIONS[stem].example}`,
  }));
  return [...tables, dump, ...networks];
}
