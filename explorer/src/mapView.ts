// The map view: Leaflet over country outlines bundled from world-atlas (Natural Earth 1:110m),
// so no tile server is asked for anything. Countries are shaded by their projects, arcs join
// collaborating countries (weight = shared projects), funders or organisations are placed
// with their coordinate basis, precision and the dataset that gave the point.

import type { Feature, FeatureCollection, Geometry } from 'geojson';
import L from 'leaflet';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesTopology from 'world-atlas/countries-110m.json';
import { cutAtAntimeridian } from './antimeridian';
import { playgroundUrl } from './api';
import { h, select } from './dom';
import { formatNumber } from './format';
import { filterBar, loadCatalogue, withLoadedDataset } from './filters';
import { ALPHA2_TO_NUMERIC } from './isoNumeric';
import { placesInView } from './mapFit';
import {
  type ApiNetwork,
  type ApiNetworkNode,
  fetchNetwork,
  networkQuery,
  networkVariables,
} from './networkData';
import { rampColour } from './palette';
import { recordSummary } from './recordView';
import type { ViewContext } from './view';

let outlines: FeatureCollection<Geometry, { name: string }> | undefined;

function countryOutlines(): FeatureCollection<Geometry, { name: string }> {
  const topology = countriesTopology as unknown as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  if (!outlines) {
    const countries = feature(topology, topology.objects.countries) as FeatureCollection<
      Geometry,
      { name: string }
    >;
    outlines = {
      ...countries,
      features: countries.features.map((country) => ({
        ...country,
        geometry: cutAtAntimeridian(country.geometry),
      })),
    };
  }
  return outlines;
}

/** Where a node is drawn, as the panel and tooltips say it: "address, precise (CORDIS_HORIZON_EUROPE)". */
export function placedAt(node: ApiNetworkNode): string {
  const point = node.coordinates;
  if (point === null) return 'nowhere';
  const words = (value: string) => value.toLowerCase().replace(/_/g, ' ');
  return `${words(point.basis)}, ${words(point.precision)} (${point.source})`;
}

function evidenceCount(node: ApiNetworkNode): number {
  const value = node.attributes['evidenceCount'];
  return typeof value === 'number' ? value : 0;
}

/** Renders the map view into `ctx.main`. */
export async function renderMapView(ctx: ViewContext): Promise<void> {
  const { params } = ctx.route;
  const layer =
    params.get('layer') === 'funders' || params.get('layer') === 'organisations'
      ? params.get('layer')!
      : 'countries';
  const catalogue = await loadCatalogue();
  const kind = layer === 'funders' ? 'cofunding' : 'collaboration';
  const networkParams = withLoadedDataset(catalogue, params);
  networkParams.set('level', layer === 'organisations' ? 'ORGANISATIONS' : 'COUNTRIES');
  const variables = networkVariables(kind, networkParams, catalogue.networkFilterFields);
  const query = networkQuery(kind);

  const controls = h(
    'fieldset',
    { class: 'filters' },
    h('legend', {}, 'Map'),
    select(
      'Show',
      'layer',
      [
        ['countries', 'countries: projects and partnerships'],
        ['funders', 'funders and co-funding'],
        ['organisations', 'partner organisations'],
      ],
      layer,
      (v) => ctx.set({ layer: v }),
    ),
  );
  const status = h('p', { class: 'status', role: 'status' }, 'Loading the map…');
  const mapElement = h('div', {
    class: 'map',
    id: 'map-canvas',
    role: 'region',
    'aria-label': 'Map of partnerships',
  });
  const panel = h(
    'aside',
    { class: 'panel', id: 'side-panel', 'aria-live': 'polite' },
    h('p', {}, 'Click a place to see its record.'),
  );
  const legend = h('div', { class: 'legend' });
  ctx.main.append(
    controls,
    filterBar(catalogue, params, (name, value) => ctx.set({ [name]: value })),
    status,
    h('div', { class: 'split' }, h('div', {}, mapElement, legend), panel),
  );

  const network = await fetchNetwork(kind, variables);
  const map = L.map(mapElement, {
    worldCopyJump: false,
    // Quarter steps, so the opening view fits its places closely rather than a whole zoom level out.
    zoomSnap: 0.25,
    attributionControl: true,
    preferCanvas: false,
  }).setView([50, 10], 4);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Outlines: Natural Earth via world-atlas');
  ctx.onLeave(() => map.remove());

  const counts = drawMap(map, network, layer, (node) => {
    panel.replaceChildren(h('h2', {}, node.label), h('p', {}, `Placed at: ${placedAt(node)}`));
    void recordSummary(node.kind, node.id).then((summary) => summary && panel.append(summary));
  });
  // Open on the main group of places (Europe for EP PerMed's networks), not on the world.
  const located = network.nodes.filter((node) => node.coordinates !== null);
  const { inView, outside } = placesInView(located.map((node) => ({ ...node.coordinates!, node })));
  const boundsOf = (places: { latitude: number; longitude: number }[]) =>
    L.latLngBounds(places.map((p) => [p.latitude, p.longitude] as L.LatLngTuple));
  const showAll = () => fitPlaces(map, boundsOf(located.map((node) => node.coordinates!)), located.length);
  map.on('moveend', () => {
    // Read by the browser tests: what the map shows, as [south, west, north, east].
    const bounds = map.getBounds();
    mapElement.dataset['view'] = JSON.stringify([
      bounds.getSouth(),
      bounds.getWest(),
      bounds.getNorth(),
      bounds.getEast(),
    ]);
  });
  fitPlaces(map, boundsOf(inView), inView.length);
  legend.replaceChildren(
    h('span', {}, layer === 'countries' ? 'Shade: projects with a partner in the country. ' : ''),
    h(
      'span',
      {},
      `Lines: ${layer === 'funders' ? 'shared calls or projects' : 'shared projects'} (thicker = more).`,
    ),
    counts.unplaced > 0
      ? h('span', {}, ` ${counts.unplaced} node(s) have no location and are not drawn.`)
      : '',
    outside.length > 0
      ? h(
          'span',
          { class: 'outside-view' },
          ` ${outside.length} place(s) lie outside this view: ${outside.map((p) => p.node.label).join(', ')}. `,
          h('button', { type: 'button', id: 'show-all-places', onclick: showAll }, 'Show all places'),
        )
      : '',
  );
  mapElement.dataset['markers'] = String(counts.markers);
  mapElement.dataset['arcs'] = String(counts.arcs);
  mapElement.dataset['shaded'] = String(counts.shaded);
  status.replaceChildren(
    `${network.description} ${formatNumber(network.nodeCount)} nodes, ${formatNumber(network.edgeCount)} links.`,
  );
  ctx.setActions({
    download: network.geojson,
    downloadLabel: 'GeoJSON',
    query: playgroundUrl(query, variables),
  });
  ctx.ready({ ...counts, outsideView: outside.length });
}

/** Fits the map to places: none keeps the opening view (Europe), one is shown at country scale. */
function fitPlaces(map: L.Map, bounds: L.LatLngBounds, count: number): void {
  if (count === 0) return;
  if (count === 1) map.setView(bounds.getCenter(), 5);
  else map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6 });
}

function drawMap(
  map: L.Map,
  network: ApiNetwork,
  layer: string,
  onClick: (node: ApiNetworkNode) => void,
): { markers: number; arcs: number; shaded: number; unplaced: number } {
  const byId = new Map(network.nodes.map((node) => [node.id, node]));
  const projectsByNumeric = new Map<string, number>();
  if (layer === 'countries') {
    for (const node of network.nodes) {
      const numeric = ALPHA2_TO_NUMERIC[node.id];
      if (numeric) projectsByNumeric.set(numeric, evidenceCount(node));
    }
  }
  const maxProjects = Math.max(1, ...projectsByNumeric.values());
  let shaded = 0;
  L.geoJSON(countryOutlines(), {
    interactive: false,
    style: (outline?: Feature<Geometry, { name: string }>) => {
      const projects = projectsByNumeric.get(String(outline?.id ?? ''));
      if (projects !== undefined) shaded += 1;
      return {
        color: '#8a8a8a',
        weight: 0.6,
        fillColor: projects === undefined ? '#f1f1f1' : rampColour(0.15 + 0.85 * (projects / maxProjects)),
        fillOpacity: 1,
      };
    },
  }).addTo(map);

  const maxWeight = Math.max(1, ...network.edges.map((edge) => edge.weight));
  let arcs = 0;
  for (const edge of network.edges) {
    const from = byId.get(edge.source)?.coordinates;
    const to = byId.get(edge.target)?.coordinates;
    if (!from || !to || (from.latitude === to.latitude && from.longitude === to.longitude)) continue;
    L.polyline(arc([from.latitude, from.longitude], [to.latitude, to.longitude]), {
      color: '#b3541e',
      opacity: 0.55,
      weight: 1 + 5 * (edge.weight / maxWeight),
      interactive: false,
    }).addTo(map);
    arcs += 1;
  }

  let markers = 0;
  let unplaced = 0;
  const maxDegree = Math.max(1, ...network.nodes.map((node) => node.weightedDegree));
  for (const node of network.nodes) {
    if (!node.coordinates) {
      unplaced += 1;
      continue;
    }
    const marker = L.circleMarker([node.coordinates.latitude, node.coordinates.longitude], {
      radius: 3 + 9 * Math.sqrt(node.weightedDegree / maxDegree),
      color: '#1d1d1d',
      weight: 1,
      fillColor: '#0072B2',
      fillOpacity: 0.85,
    });
    marker.bindTooltip(`${node.label} (${placedAt(node)})`);
    marker.on('click', () => onClick(node));
    marker.addTo(map);
    markers += 1;
  }
  return { markers, arcs, shaded, unplaced };
}

/** A gentle great-circle-like bow between two points, so parallel links stay apart. */
function arc(from: [number, number], to: [number, number]): [number, number][] {
  const [lat1, lon1] = from;
  const [lat2, lon2] = to;
  const midLat = (lat1 + lat2) / 2 + (lon2 - lon1) * 0.15;
  const midLon = (lon1 + lon2) / 2 - (lat2 - lat1) * 0.15;
  const points: [number, number][] = [];
  for (let step = 0; step <= 16; step += 1) {
    const t = step / 16;
    const lat = (1 - t) ** 2 * lat1 + 2 * (1 - t) * t * midLat + t ** 2 * lat2;
    const lon = (1 - t) ** 2 * lon1 + 2 * (1 - t) * t * midLon + t ** 2 * lon2;
    points.push([lat, lon]);
  }
  return points;
}
