// The explorer in a real browser (Debian's Chromium through playwright-core) against the
// HTTP server over the test database: each view loads, draws exactly what the API answers,
// clicks lead where they should, and no request leaves the host.

import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { createHttpApp, GRAPHQL_PATH, type HttpApp } from '../../src/http/app';
import { silentLogger } from '../../src/logger';
import { launchChromium } from '../../bench/chromium';
import { SHORT_LABEL_LENGTH } from '../../explorer/src/labelLayout';
import { buildExplorer } from '../helpers/explorerBuild';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
let server: HttpApp;
let base: string;
let browser: Browser;
/** The parts of browser globals the page callbacks use (the tests compile without the DOM library). */
interface Location {
  hash: string;
}
interface BrowserDocument {
  body: { dataset: Record<string, string | undefined> };
}
interface SigmaLike {
  getGraph(): { getNodeAttributes(id: string): { x: number; y: number } };
  graphToViewport(point: { x: number; y: number }): { x: number; y: number };
}

/** Every URL any page asked for, to check that nothing left 127.0.0.1. */
const requested: string[] = [];

beforeAll(async () => {
  // /explore serves the bundle `npm run build` makes; build it as that would.
  buildExplorer();
  database = openTestDatabase();
  server = await createHttpApp({
    db: database.db,
    limits: { defaultPageSize: database.config.defaultPageSize, maxPageSize: database.config.maxPageSize },
    logger: silentLogger,
    introspection: true,
  });
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server.apollo.stop();
  await database.close();
});

async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${base}${GRAPHQL_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Opens a view and waits until it reports what it drew. */
async function openView(hash: string): Promise<{ page: Page; drawn: Record<string, number> }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('request', (request) => requested.push(request.url()));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/explore${hash}`);
  await page.waitForSelector('body[data-ready]', { timeout: 30_000 });
  const drawn = JSON.parse((await page.getAttribute('body', 'data-ready'))!) as Record<string, number>;
  expect(errors).toEqual([]);
  return { page, drawn };
}

/** The variables of every GraphQL POST the page sends from now on, to see what a control asked for. */
function sentVariables(page: Page): Array<Record<string, unknown>> {
  const sent: Array<Record<string, unknown>> = [];
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !request.url().endsWith(GRAPHQL_PATH)) return;
    const body = JSON.parse(request.postData() ?? '{}') as { variables?: Record<string, unknown> };
    sent.push(body.variables ?? {});
  });
  return sent;
}

/** Waits until the view has redrawn for a hash holding `fragment`. */
async function redrawnWith(page: Page, fragment: string): Promise<void> {
  await page.waitForFunction((wanted) => {
    const { location, document } = globalThis as unknown as {
      location: Location;
      document: BrowserDocument;
    };
    return location.hash.includes(wanted) && document.body.dataset['ready'] !== undefined;
  }, fragment);
}

interface NetworkCounts {
  nodeCount: number;
  edgeCount: number;
  gexf: string;
  nodes: { id: string; coordinates: { latitude: number; longitude: number } | null }[];
  edges: { source: string; target: string }[];
}
const COUNTS =
  'nodeCount edgeCount gexf: downloadUrl(format: GEXF) nodes { id coordinates { latitude longitude } } edges { source target }';

describe('the explorer page', () => {
  it('when /explore is opened, then it is served with a same-origin policy and its bundle loads', async () => {
    const response = await fetch(`${base}/explore`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await response.text()).toContain('/explore/assets/explorer.js');
    const script = await fetch(`${base}/explore/assets/explorer.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });
});

describe('the network view', () => {
  it('when the co-funding network is shown, then it draws every node and edge the API returns', async () => {
    const { cofundingNetwork } = await api<{ cofundingNetwork: NetworkCounts }>(
      `{ cofundingNetwork(basis: CALLS, limit: 1000) { ${COUNTS} } }`,
    );
    const { page, drawn } = await openView('#/network?net=cofunding&basis=CALLS');
    expect(drawn['nodes']).toBe(cofundingNetwork.nodeCount);
    expect(drawn['edges']).toBe(cofundingNetwork.edgeCount);
    expect(cofundingNetwork.nodeCount).toBeGreaterThan(10);
    expect(await page.getAttribute('#network-canvas', 'data-nodes')).toBe(String(cofundingNetwork.nodeCount));
    // "download" is the exact export of what is shown, and it answers.
    expect(await page.getAttribute('#download-link', 'href')).toBe(cofundingNetwork.gexf);
    // downloadUrl is absolute (on the host the page asked); resolving it against base also takes a path.
    expect((await fetch(new URL(cofundingNetwork.gexf, base))).status).toBe(200);
    expect(await page.getAttribute('#query-link', 'href')).toMatch(
      /^\/playground\?query=query\+ExplorerCofunding/,
    );
    await page.close();
  });

  it('when a call is chosen, then the network shrinks to the API answer for that call', async () => {
    const { cofundingNetwork } = await api<{ cofundingNetwork: NetworkCounts }>(
      `{ cofundingNetwork(basis: CALLS, filter: { calls: ["jtc2022"] }, limit: 1000) { ${COUNTS} } }`,
    );
    const { page } = await openView('#/network?net=cofunding');
    await page.selectOption('select[name=call]', 'jtc2022');
    await page.waitForFunction(() => {
      const { location, document } = globalThis as unknown as {
        location: Location;
        document: BrowserDocument;
      };
      return location.hash.includes('call=jtc2022') && document.body.dataset['ready'] !== undefined;
    });
    const drawn = JSON.parse((await page.getAttribute('body', 'data-ready'))!) as Record<string, number>;
    expect(drawn['nodes']).toBe(cofundingNetwork.nodeCount);
    expect(drawn['edges']).toBe(cofundingNetwork.edgeCount);
    await page.close();
  });

  it('when a dataset is chosen, then the control offers the loaded datasets and the network is the API answer for it', async () => {
    const { datasets } = await api<{ datasets: { id: string }[] }>('{ datasets { id } }');
    expect(datasets.map((d) => d.id)).toContain('PERMED_CURATED');
    const { cofundingNetwork } = await api<{ cofundingNetwork: NetworkCounts }>(
      `{ cofundingNetwork(basis: CALLS, filter: { datasets: [PERMED_CURATED] }, limit: 1000) { ${COUNTS} } }`,
    );
    const { page } = await openView('#/network?net=cofunding');
    const options = await page
      .locator('select[name=dataset] option')
      .evaluateAll((nodes) => nodes.map((node) => (node as unknown as { value: string }).value));
    expect(options).toEqual(['', ...datasets.map((d) => d.id)]);
    const sent = sentVariables(page);
    await page.selectOption('select[name=dataset]', 'PERMED_CURATED');
    await redrawnWith(page, 'dataset=PERMED_CURATED');
    const drawn = JSON.parse((await page.getAttribute('body', 'data-ready'))!) as Record<string, number>;
    expect(drawn['nodes']).toBe(cofundingNetwork.nodeCount);
    expect(drawn['edges']).toBe(cofundingNetwork.edgeCount);
    expect(sent).toContainEqual(expect.objectContaining({ filter: { datasets: ['PERMED_CURATED'] } }));
    await page.close();
  });

  it('when the URL names a dataset that is not loaded, then the control shows any and no dataset filter is sent', async () => {
    const { datasets } = await api<{ datasets: { id: string }[] }>('{ datasets { id } }');
    // ROR is loaded only by the ROR connector, which this file never runs.
    expect(datasets.map((d) => d.id)).not.toContain('ROR');
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('request', (request) => requested.push(request.url()));
    const sent = sentVariables(page);
    await page.goto(`${base}/explore#/network?net=cofunding&dataset=ROR`);
    await page.waitForSelector('body[data-ready]', { timeout: 30_000 });
    expect(await page.inputValue('select[name=dataset]')).toBe('');
    const networkRequests = sent.filter((variables) => 'limit' in variables);
    expect(networkRequests.length).toBeGreaterThan(0);
    for (const variables of networkRequests) expect(variables['filter']).toBeUndefined();
    await page.close();
  });

  it('when the country collaboration network is shown, then its counts equal the API answer', async () => {
    const { collaborationNetwork } = await api<{ collaborationNetwork: NetworkCounts }>(
      `{ collaborationNetwork(level: COUNTRIES, limit: 1000) { ${COUNTS} } }`,
    );
    const { page, drawn } = await openView('#/network?net=collaboration&level=COUNTRIES');
    expect(drawn['nodes']).toBe(collaborationNetwork.nodeCount);
    expect(drawn['edges']).toBe(collaborationNetwork.edgeCount);
    await page.close();
  });

  it('when a node is clicked, then the side panel shows its record with sources', async () => {
    const { page } = await openView('#/network?net=collaboration&level=COUNTRIES');
    // Wait for the layout to settle, then click where sigma drew Spain.
    await page.waitForTimeout(3000);
    const point = await page.evaluate(() => {
      const renderer = (globalThis as unknown as { __sigma?: SigmaLike }).__sigma;
      if (!renderer) return null;
      const { x, y } = renderer.getGraph().getNodeAttributes('ES');
      return renderer.graphToViewport({ x, y });
    });
    expect(point).not.toBeNull();
    const box = (await page.locator('#network-canvas').boundingBox())!;
    await page.mouse.click(box.x + point!.x, box.y + point!.y);
    await page.waitForSelector('#side-panel h2');
    expect(await page.textContent('#side-panel h2')).toBe('Spain');
    await page.waitForSelector('#side-panel .sources a');
    await page.click('#side-panel a[href="#/record/country/ES"]');
    await page.waitForSelector('article.record');
    expect(await page.textContent('article.record h2')).toBe('Spain');
    await page.close();
  });
});

describe('labels of small networks', () => {
  interface LabelBox {
    id: string;
    left: number;
    top: number;
    right: number;
    bottom: number;
  }

  /**
   * Where each label rests, read from the page as sigma draws it: the labels sigma reports as
   * displayed, and each node's disc and label text (measured in the label font) as one box.
   */
  async function restingLabels(page: Page): Promise<{
    displayed: string[];
    boxes: LabelBox[];
    labelSize: number;
    width: number;
    height: number;
  }> {
    await page.waitForSelector('#network-canvas[data-settled]', { timeout: 60_000 });
    return page.evaluate(() => {
      interface Renderer {
        getGraph(): { nodes(): string[]; getNodeAttribute(id: string, name: string): string };
        getNodeDisplayedLabels(): Set<string>;
        graphToViewport(p: { x: number; y: number }): { x: number; y: number };
        scaleSize(size: number): number;
        getSettings(): { labelSize: number; labelFont: string; labelWeight: string };
        getDimensions(): { width: number; height: number };
      }
      const { __sigma: renderer, document } = globalThis as unknown as {
        __sigma: Renderer;
        document: {
          createElement(tag: 'canvas'): {
            getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } };
          };
        };
      };
      const settings = renderer.getSettings();
      const measure = document.createElement('canvas').getContext('2d');
      measure.font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
      const boxes = renderer
        .getGraph()
        .nodes()
        .map((id) => {
          const graph = renderer.getGraph();
          const { x, y } = renderer.graphToViewport({
            x: Number(graph.getNodeAttribute(id, 'x')),
            y: Number(graph.getNodeAttribute(id, 'y')),
          });
          const radius = renderer.scaleSize(Number(graph.getNodeAttribute(id, 'size')));
          const text = measure.measureText(renderer.getGraph().getNodeAttribute(id, 'label')).width;
          // Sigma writes the label from x + radius + 3; its glyphs reach about 0.8 of the size above y.
          const half = Math.max(radius, (settings.labelSize * 1.1) / 2);
          return { id, left: x - radius, right: x + radius + 3 + text, top: y - half, bottom: y + half };
        });
      return {
        displayed: [...renderer.getNodeDisplayedLabels()],
        boxes,
        labelSize: settings.labelSize,
        ...renderer.getDimensions(),
      };
    });
  }

  for (const [name, hash, query] of [
    [
      'co-funding',
      '#/network?net=cofunding&basis=CALLS',
      '{ n: cofundingNetwork(basis: CALLS, limit: 1000) { nodeCount } }',
    ],
    [
      'country collaboration',
      '#/network?net=collaboration&level=COUNTRIES',
      '{ n: collaborationNetwork(level: COUNTRIES, limit: 1000) { nodeCount } }',
    ],
    [
      'organisation collaboration',
      '#/network?net=collaboration&level=ORGANISATIONS',
      '{ n: collaborationNetwork(level: ORGANISATIONS, limit: 1000) { nodeCount } }',
    ],
  ] as const) {
    it(`when the ${name} network has come to rest, then every node has a label, in a readable size, inside the canvas, overlapping no other label or node`, async () => {
      const { n } = await api<{ n: { nodeCount: number } }>(query);
      // Networks under ~50 nodes are the ones issue 19 asks to label in full.
      expect(n.nodeCount).toBeGreaterThan(10);
      expect(n.nodeCount).toBeLessThanOrEqual(50);
      const { page } = await openView(hash);
      const { displayed, boxes, labelSize, width, height } = await restingLabels(page);
      expect(displayed.sort()).toEqual(boxes.map((box) => box.id).sort());
      expect(displayed).toHaveLength(n.nodeCount);
      expect(labelSize).toBeGreaterThanOrEqual(12);
      const overlapping: string[] = [];
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
            overlapping.push(`${a.id} / ${b.id}`);
          }
        }
      }
      expect(overlapping).toEqual([]);
      for (const box of boxes) {
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.top).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(width);
        expect(box.bottom).toBeLessThanOrEqual(height);
      }
      await page.close();
    });
  }

  it('when the organisation network rests, then a long name is drawn shortened (its acronym or its first words), and whole while its node is hovered', async () => {
    const { collaborationNetwork } = await api<{
      collaborationNetwork: { nodes: { id: string; label: string }[] };
    }>('{ collaborationNetwork(level: ORGANISATIONS, limit: 1000) { nodes { id label } } }');
    const { page } = await openView('#/network?net=collaboration&level=ORGANISATIONS');
    await page.waitForSelector('#network-canvas[data-settled]', { timeout: 60_000 });
    const drawnLabel = (id: string) =>
      page.evaluate((node) => {
        const renderer = (
          globalThis as unknown as { __sigma: { getNodeDisplayData(id: string): { label: string } } }
        ).__sigma;
        return renderer.getNodeDisplayData(node).label;
      }, id);
    const shortened: { id: string; label: string; drawn: string }[] = [];
    for (const node of collaborationNetwork.nodes) {
      const drawn = await drawnLabel(node.id);
      if (drawn === node.label) continue;
      shortened.push({ ...node, drawn });
      // A readable part of the name: the acronym it ends with, or its first words and an ellipsis.
      expect(drawn.length).toBeLessThanOrEqual(SHORT_LABEL_LENGTH);
      if (drawn.endsWith('…')) expect(node.label.startsWith(`${drawn.slice(0, -1)} `)).toBe(true);
      else expect(node.label.endsWith(`(${drawn})`)).toBe(true);
    }
    // Names of up to 30 characters are drawn whole; the seed's longer ones (10 of 35) are not.
    expect(shortened.map((node) => node.id).sort()).toEqual(
      collaborationNetwork.nodes
        .filter((node) => node.label.length > SHORT_LABEL_LENGTH)
        .map((node) => node.id)
        .sort(),
    );
    expect(shortened.length).toBeGreaterThan(0);
    const longest = shortened.sort((a, b) => b.label.length - a.label.length)[0]!;
    const point = await page.evaluate((id) => {
      const renderer = (globalThis as unknown as { __sigma: SigmaLike }).__sigma;
      return renderer.graphToViewport(renderer.getGraph().getNodeAttributes(id));
    }, longest.id);
    const box = (await page.locator('#network-canvas').boundingBox())!;
    await page.mouse.move(box.x + point.x, box.y + point.y);
    await page.waitForFunction(
      ([id, label]) =>
        (
          globalThis as unknown as { __sigma: { getNodeDisplayData(id: string): { label: string } } }
        ).__sigma.getNodeDisplayData(id!).label === label,
      [longest.id, longest.label],
    );
    await page.close();
  });
});

describe('the map view', () => {
  it('when countries are shown, then every located country is a marker and every link between two places an arc', async () => {
    const { collaborationNetwork } = await api<{ collaborationNetwork: NetworkCounts }>(
      `{ collaborationNetwork(level: COUNTRIES, limit: 1000) { ${COUNTS} } }`,
    );
    const located = new Map(
      collaborationNetwork.nodes.filter((n) => n.coordinates).map((n) => [n.id, n.coordinates!]),
    );
    const arcs = collaborationNetwork.edges.filter((e) => {
      const a = located.get(e.source);
      const b = located.get(e.target);
      return a && b && (a.latitude !== b.latitude || a.longitude !== b.longitude);
    }).length;
    const { page, drawn } = await openView('#/map?layer=countries');
    expect(drawn['markers']).toBe(located.size);
    expect(drawn['arcs']).toBe(arcs);
    expect(drawn['shaded']).toBeGreaterThan(0);
    expect(drawn['shaded']).toBeLessThanOrEqual(collaborationNetwork.nodeCount);
    expect(await page.locator('#map-canvas path.leaflet-interactive').count()).toBe(located.size);
    await page.close();
  });

  it('when funders are shown, then each funder with a location is placed', async () => {
    const { cofundingNetwork } = await api<{ cofundingNetwork: NetworkCounts }>(
      `{ cofundingNetwork(basis: CALLS, limit: 1000) { ${COUNTS} } }`,
    );
    const { page, drawn } = await openView('#/map?layer=funders');
    expect(drawn['markers']! + drawn['unplaced']!).toBe(cofundingNetwork.nodeCount);
    expect(drawn['markers']).toBe(cofundingNetwork.nodes.filter((n) => n.coordinates).length);
    await page.close();
  });
});

describe('the map opening view', () => {
  type Bounds = [number, number, number, number];
  /** Europe, generously: where the EP PerMed networks' main group of places lies. */
  const inEurope = (c: { latitude: number; longitude: number }) =>
    c.latitude >= 34 && c.latitude <= 72 && c.longitude >= -25 && c.longitude <= 45;
  const inside = ([south, west, north, east]: Bounds, c: { latitude: number; longitude: number }) =>
    c.latitude >= south && c.latitude <= north && c.longitude >= west && c.longitude <= east;

  async function viewOf(page: Page): Promise<Bounds> {
    // The map writes its view once it has fitted the places, which can follow the first drawing:
    // one fresh-clone run of three read null here.
    await page.waitForSelector('#map-canvas[data-view^="["]', { state: 'attached' });
    return JSON.parse((await page.getAttribute('#map-canvas', 'data-view'))!) as Bounds;
  }

  for (const [layer, query] of [
    [
      'countries',
      '{ network: collaborationNetwork(level: COUNTRIES, limit: 1000) { nodes { id coordinates { latitude longitude } } } }',
    ],
    [
      'funders',
      '{ network: cofundingNetwork(basis: CALLS, limit: 1000) { nodes { id coordinates { latitude longitude } } } }',
    ],
  ] as const) {
    it(`when the ${layer} layer opens, then it is fitted to Europe with every European place in view, the others counted, and one button shows them all`, async () => {
      const { network } = await api<{ network: NetworkCounts }>(query);
      const located = network.nodes.flatMap((n) => (n.coordinates ? [n.coordinates] : []));
      const european = located.filter(inEurope);
      // The fixture this test needs: mostly European places, and some far away.
      expect(european.length * 2).toBeGreaterThan(located.length);
      expect(european.length).toBeLessThan(located.length);

      const { page, drawn } = await openView(`#/map?layer=${layer}`);
      const view = await viewOf(page);
      for (const place of european) expect(inside(view, place)).toBe(true);
      // Europe, not the world: the opening view spans less than a quarter of the longitudes.
      expect(view[3] - view[1]).toBeLessThan(90);
      expect(view[2] - view[0]).toBeLessThan(60);
      const outsideView = located.filter((place) => !inside(view, place)).length;
      expect(outsideView).toBeGreaterThan(0);
      expect(drawn['outsideView']).toBe(outsideView);
      expect(await page.textContent('.outside-view')).toContain(
        `${outsideView} place(s) lie outside this view`,
      );

      await page.click('#show-all-places');
      await page.waitForFunction((before) => {
        const { document } = globalThis as unknown as {
          document: { querySelector(s: string): { getAttribute(name: string): string | null } };
        };
        return document.querySelector('#map-canvas').getAttribute('data-view') !== before;
      }, JSON.stringify(view));
      const all = await viewOf(page);
      for (const place of located) expect(inside(all, place)).toBe(true);
      await page.close();
    });
  }
});

describe('the gap view', () => {
  interface Matrix {
    columns: { stageId: string }[];
    rows: {
      id: string;
      cells: { mapped: boolean; projectLevel: { projectCount: number; projectIds: string[] } }[];
    }[];
  }
  const MATRIX =
    '{ coverageMatrix { columns { stageId } rows { id cells { mapped projectLevel { projectCount projectIds } } } } }';

  it('when the coverage matrix is shown, then it has one cell per gap and stage and marks the white spots', async () => {
    const { coverageMatrix } = await api<{ coverageMatrix: Matrix }>(MATRIX);
    const cells = coverageMatrix.rows.flatMap((row) => row.cells);
    const { page, drawn } = await openView('#/gaps');
    expect(drawn['rows']).toBe(coverageMatrix.rows.length);
    expect(drawn['columns']).toBe(coverageMatrix.columns.length);
    expect(drawn['cells']).toBe(cells.length);
    expect(drawn['whiteSpots']).toBe(
      cells.filter((c) => c.mapped && c.projectLevel.projectCount === 0).length,
    );
    expect(await page.locator('#coverage-matrix td.cell').count()).toBe(cells.length);
    await page.close();
  });

  it('when a cell is chosen, then the panel lists its projects with the evidence', async () => {
    const { coverageMatrix } = await api<{ coverageMatrix: Matrix }>(MATRIX);
    const row = coverageMatrix.rows.find((r) => r.cells.some((c) => c.projectLevel.projectCount > 0))!;
    const column = row.cells.findIndex((c) => c.projectLevel.projectCount > 0);
    const cell = row.cells[column]!;
    const stage = coverageMatrix.columns[column]!.stageId;
    const { page } = await openView('#/gaps');
    // Keyboard: the cell is a button, reachable and pressed with Enter.
    await page.focus(`td[data-row="${row.id}"][data-stage="${stage}"] button`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#side-panel ul.cell-projects > li');
    expect(await page.locator('#side-panel ul.cell-projects > li').count()).toBe(
      cell.projectLevel.projectIds.length,
    );
    await page.close();
  });
});

describe('the heat map download', () => {
  interface LabelledMatrix {
    columns: { stageId: string; label: string }[];
    rows: {
      id: string;
      label: string;
      cells: { stageId: string; projectLevel: { projectCount: number } }[];
    }[];
  }

  /** The matrix the API answers, as the rows of a CSV: what the download must hold. */
  async function expectedRecords(
    rows: 'GAP' | 'OBJECTIVE',
    provenance?: string,
    dataset?: string,
  ): Promise<string[][]> {
    const fields = [provenance ? `provenance: ${provenance}` : '', dataset ? `datasets: [${dataset}]` : '']
      .filter(Boolean)
      .join(', ');
    const filter = fields ? `, filter: { ${fields} }` : '';
    const { coverageMatrix } = await api<{ coverageMatrix: LabelledMatrix }>(
      `{ coverageMatrix(rows: ${rows}${filter}) { columns { stageId label } rows { id label cells { stageId projectLevel { projectCount } } } } }`,
    );
    return [
      ['id', rows === 'GAP' ? 'knowledge gap' : 'objective', ...coverageMatrix.columns.map((c) => c.label)],
      ...coverageMatrix.rows.map((row) => [
        row.id,
        row.label,
        ...coverageMatrix.columns.map((column) =>
          String(row.cells.find((cell) => cell.stageId === column.stageId)!.projectLevel.projectCount),
        ),
      ]),
    ];
  }

  /** Clicks the view's Download link as a person would and parses the file saved. */
  async function download(page: Page): Promise<{ name: string; records: string[][] }> {
    const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#download-link')]);
    const text = fs.readFileSync((await saved.path())!, 'utf8');
    return { name: saved.suggestedFilename(), records: parse(text) as string[][] };
  }

  it('when the gap matrix is downloaded, then the file holds the matrix on screen, cell for cell', async () => {
    const expected = await expectedRecords('GAP');
    const { page } = await openView('#/gaps');
    const { name, records } = await download(page);
    expect(name).toBe('coverage-gaps-by-stage-curated-and-inferred.csv');
    expect(records).toEqual(expected);
    // The same numbers as the cells drawn: the first row's counts read from the page.
    const drawn = await page
      .locator(`#coverage-matrix td[data-row="${expected[1]![0]}"]`)
      .evaluateAll((cells) =>
        cells.map((cell) => (cell as unknown as { dataset: { count: string } }).dataset.count),
      );
    expect(drawn).toEqual(expected[1]!.slice(2));
    await page.close();
  });

  it('when curated links only and objectives are chosen, then the download follows the choice', async () => {
    const both = await expectedRecords('OBJECTIVE');
    const curated = await expectedRecords('OBJECTIVE', 'CURATED');
    // Inferred links exist, so the two matrices differ and the test can tell them apart.
    expect(curated).not.toEqual(both);
    const { page } = await openView('#/gaps?rows=OBJECTIVE&provenance=CURATED');
    const { name, records } = await download(page);
    expect(name).toBe('coverage-objectives-by-stage-curated.csv');
    expect(records).toEqual(curated);
    await page.close();
  });

  it('when a dataset is chosen on the coverage view, then the matrix asked for, drawn and downloaded is the API answer for that dataset', async () => {
    const expected = await expectedRecords('GAP', undefined, 'PERMED_CURATED');
    const { page } = await openView('#/gaps');
    const sent = sentVariables(page);
    await page.selectOption('select[name=dataset]', 'PERMED_CURATED');
    await redrawnWith(page, 'dataset=PERMED_CURATED');
    expect(sent).toContainEqual(
      expect.objectContaining({ rows: 'GAP', filter: { datasets: ['PERMED_CURATED'] } }),
    );
    const { name, records } = await download(page);
    expect(name).toBe('coverage-gaps-by-stage-curated-and-inferred-permed-curated.csv');
    expect(records).toEqual(expected);
    expect(await page.inputValue('select[name=dataset]')).toBe('PERMED_CURATED');
    await page.close();
  });
});

describe('record pages', () => {
  it('when a project page is opened, then it shows the facts, the sources and the derived links with provenance', async () => {
    const { project } = await api<{
      project: {
        acronym: string;
        sources: string[];
        gaps: { derivation: { provenance: string } }[];
        partners: unknown[];
      };
    }>(
      '{ project(id: "project-permanens") { acronym sources partners { role } gaps { derivation { provenance } } } }',
    );
    const { page } = await openView('#/record/project/project-permanens');
    expect(await page.textContent('article.record h2')).toBe(project.acronym);
    expect(await page.locator('article.record ul.sources li').count()).toBe(project.sources.length);
    const derived = page.locator('section:has(h3:text("Knowledge gaps addressed")) li[data-provenance]');
    expect(await derived.count()).toBe(project.gaps.length);
    await page.click('a[href^="#/record/organisation/"]');
    await page.waitForFunction(() => {
      const { location, document } = globalThis as unknown as {
        location: Location;
        document: BrowserDocument;
      };
      return (
        location.hash.startsWith('#/record/organisation/') && document.body.dataset['ready'] !== undefined
      );
    });
    expect(await page.locator('article.record h2').count()).toBe(1);
    await page.close();
  });

  /** The text of a fact of the record page ("Year" -> "2023"), or null when it is not shown. */
  async function fact(page: Page, name: string): Promise<string | null> {
    const dd = page.locator(`article.record dl.facts dt:text-is("${name}") + dd`);
    return (await dd.count()) === 0 ? null : dd.textContent();
  }

  it('when a project page is opened, then its year has no thousands separator, its keywords are listed and its uncertain flag is said', async () => {
    const { uncertain, certain } = await api<{
      uncertain: { year: number; keywords: string[]; uncertain: boolean };
      certain: { year: number; keywords: string[]; uncertain: boolean };
    }>(
      `{ uncertain: project(id: "project-permanens") { year keywords uncertain }
         certain: project(id: "project-edap-ad") { year keywords uncertain } }`,
    );
    // The fixture pair this test needs: one flagged record and one not, both with keywords.
    expect([uncertain.uncertain, certain.uncertain]).toEqual([true, false]);
    expect(uncertain.keywords.length).toBeGreaterThan(0);
    expect(uncertain.year).toBeGreaterThan(999);

    const flagged = (await openView('#/record/project/project-permanens')).page;
    expect(await fact(flagged, 'Year')).toBe(String(uncertain.year));
    expect(await fact(flagged, 'Keywords')).toBe(uncertain.keywords.join('; '));
    expect(await flagged.locator('article.record p.uncertain').count()).toBe(1);
    expect(await flagged.textContent('article.record p.uncertain')).toContain('weak or single source');
    await flagged.close();

    const plain = (await openView('#/record/project/project-edap-ad')).page;
    expect(await fact(plain, 'Year')).toBe(String(certain.year));
    expect(await fact(plain, 'Keywords')).toBe(certain.keywords.join('; '));
    expect(await plain.locator('article.record p.uncertain').count()).toBe(0);
    await plain.close();
  });

  it('when an uncertain call and an uncertain funder are opened, then both pages say so and the year reads as a year', async () => {
    const { call, funder } = await api<{
      call: { year: number; uncertain: boolean };
      funder: { uncertain: boolean };
    }>('{ call(id: "education-call-2025") { year uncertain } funder(id: "cdti-es") { uncertain } }');
    expect([call.uncertain, funder.uncertain]).toEqual([true, true]);
    const callPage = (await openView('#/record/call/education-call-2025')).page;
    expect(await fact(callPage, 'Year')).toBe(String(call.year));
    expect(await callPage.locator('article.record p.uncertain').count()).toBe(1);
    await callPage.close();
    const funderPage = (await openView('#/record/funder/cdti-es')).page;
    expect(await funderPage.locator('article.record p.uncertain').count()).toBe(1);
    await funderPage.close();
  });

  it('when an unknown id is opened, then the page says so instead of failing', async () => {
    const { page } = await openView('#/record/funder/no-such-funder');
    expect(await page.textContent('p.error')).toContain('no-such-funder');
    await page.close();
  });
});

describe('a large network (the render benchmark page)', () => {
  it('when 3,000 nodes are drawn, then the edges leave during a drag, and hovering finds nodes without redrawing the network', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    page.on('request', (request) => requested.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // Above LARGE_NETWORK_NODES (2,000) the network view's large-network mode applies.
    await page.goto(`${base}/explore/bench.html?nodes=3000&phaseMs=500`);
    await page.waitForSelector('body[data-bench]', { timeout: 150_000 });
    const result = JSON.parse((await page.getAttribute('body', 'data-bench'))!) as Record<
      string,
      Record<string, number>
    >;
    expect(errors).toEqual([]);
    // Read from the edge layer's pixels: empty while the stage is dragged, drawn once it rests.
    expect(result['pan']!['edgesWhileMoving']).toBe(0);
    expect(result['pan']!['edgesAfterMoving']).toBe(1);
    // Nodes under the pointer are found on the CPU (there is no picking pass to read back) ...
    expect(result['hover']!['entered']).toBeGreaterThan(0);
    // ... and a hovered node's neighbourhood is drawn on the hover layer alone: no full render.
    expect(result['hover']!['renders']).toBe(0);
    expect(result['hover']!['hoverLayerPixels']).toBeGreaterThan(0);
    await page.close();
  }, 180_000);
});

describe('the whole session', () => {
  it('when every view has been used, then no request left the host', () => {
    expect(requested.length).toBeGreaterThan(20);
    const offHost = requested.filter(
      (url) => !url.startsWith(`${base}/`) && !url.startsWith('data:') && !url.startsWith('blob:'),
    );
    expect(offHost).toEqual([]);
  });
});
