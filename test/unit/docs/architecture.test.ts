// docs/architecture.md draws the layering that `npm run lint:layers` enforces; this keeps the two equal.

import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LAYERS } = require(path.join(root, '.dependency-cruiser.cjs')) as {
  LAYERS: Record<string, string[]>;
};
const page = readFileSync(path.join(root, 'docs/architecture.md'), 'utf8');

/** Arrows into these are left out of the diagram and listed in the table only. */
const GROUND_FLOOR = new Set(['model', 'errors', 'config', 'logger']);

function diagramEdges(markdown: string): string[] {
  const block = /```mermaid\n([\s\S]*?)```/.exec(markdown);
  if (block === null) throw new Error('docs/architecture.md has no mermaid block');
  const edges: string[] = [];
  for (const line of (block[1] ?? '').split('\n')) {
    const [, from, targets] = /^\s*(\w+)\s*-->\s*(.+)$/.exec(line) ?? [];
    if (from === undefined || targets === undefined) continue;
    for (const target of targets.split('&')) edges.push(`${from} -> ${target.trim()}`);
  }
  return edges.sort();
}

function tableRows(markdown: string): Record<string, string[]> {
  const rows: Record<string, string[]> = {};
  for (const [, layer = '', cell = ''] of markdown.matchAll(/^\| (\w+) \| ([^|]+) \|$/gm)) {
    if (layer === 'layer') continue;
    const targets = cell.trim();
    rows[layer] = targets.startsWith('(') ? [] : targets.split(',').map((name) => name.trim());
  }
  return rows;
}

describe('docs/architecture.md', () => {
  it('draws exactly the allowed imports of LAYERS, ground floor left out', () => {
    const expected = Object.entries(LAYERS)
      .flatMap(([layer, targets]) =>
        targets.filter((target) => !GROUND_FLOOR.has(target)).map((target) => `${layer} -> ${target}`),
      )
      .sort();
    expect(diagramEdges(page)).toEqual(expected);
  });

  it('lists every layer with exactly its allowed imports in the table', () => {
    expect(tableRows(page)).toEqual(LAYERS);
  });

  it('gives every layer a paragraph', () => {
    const paragraphs = page.split('## One paragraph per layer')[1] ?? '';
    const missing = Object.keys(LAYERS).filter(
      (layer) => !new RegExp(`\\*\\*[^*]*\\b${layer}(\\.ts|/)[^*]*\\*\\*`).test(paragraphs),
    );
    expect(missing).toEqual([]);
  });
});
