// Renders a Cytoscape.js export of a network (/export/<network>.cyjs) to a PNG with
// headless Chromium: node colour = Louvain community, node size = PageRank, edge width =
// weight. Used to draw docs/networks/cofunding-calls.png; not part of the API.
//
//   node docs/networks/renderNetwork.js <network.cyjs> <out.png> [title]
//
// Needs playwright-core (resolvable from here or NODE_PATH; not a dependency of the
// project) and a Chromium (`apt-get install chromium`); CHROMIUM overrides its path.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const COLOURS = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#666666'];

async function main() {
  const [input, output, title = ''] = process.argv.slice(2);
  if (!input || !output) throw new Error('usage: renderNetwork.js <network.cyjs> <out.png> [title]');
  const document = JSON.parse(fs.readFileSync(input, 'utf8'));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1100 }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;font-family:sans-serif;background:#fff">
      <div style="position:absolute;top:12px;left:16px;font-size:22px;color:#222">${title}</div>
      <div id="cy" style="width:1600px;height:1100px"></div></body></html>`);
    await page.addScriptTag({ path: require.resolve('cytoscape/dist/cytoscape.min.js') });
    await page.evaluate(
      ({ elements, colours }) =>
        new Promise((resolve) => {
          const ranks = elements.nodes.map((node) => node.data.pageRank);
          const [low, high] = [Math.min(...ranks), Math.max(...ranks)];
          const cy = window.cytoscape({
            container: document.getElementById('cy'),
            elements,
            style: [
              {
                selector: 'node',
                style: {
                  label: 'data(label)',
                  'font-size': 15,
                  'text-valign': 'bottom',
                  'text-margin-y': 3,
                  'text-background-color': '#fff',
                  'text-background-opacity': 0.7,
                  'text-background-padding': 1,
                  color: '#222',
                  'background-color': (node) => colours[(node.data('community') - 1) % colours.length],
                  width: (node) => 14 + (30 * (node.data('pageRank') - low)) / (high - low || 1),
                  height: (node) => 14 + (30 * (node.data('pageRank') - low)) / (high - low || 1),
                },
              },
              { selector: 'edge', style: { width: (edge) => 0.6 * edge.data('weight'), 'line-color': '#9aa', opacity: 0.55, 'curve-style': 'haystack' } },
            ],
            layout: { name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true, nodeOverlap: 60, idealEdgeLength: () => 220, nodeRepulsion: () => 4000000, edgeElasticity: (edge) => 60 / edge.data('weight'), gravity: 0.2, numIter: 4000, padding: 50 },
          });
          cy.ready(() => resolve(undefined));
        }),
      { elements: document.elements, colours: COLOURS },
    );
    await page.screenshot({ path: path.resolve(output) });
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
