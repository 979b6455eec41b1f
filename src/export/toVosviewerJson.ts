// VOSviewer JSON: items with integer clusters (Louvain communities), weights and scores;
// links with strengths.

import type { NetworkData } from '../analytics/networkData';
import type { NetworkMeasures } from '../analytics/networkMeasures';
import { escapeXml } from './toGraphml';

export interface VosviewerItem {
  /** 1-based position of the node in the network's node order. */
  id: number;
  label: string;
  /** Louvain community, 1 = largest. */
  cluster: number;
  /** Shown in VOSviewer's tooltip (HTML): the entity id and kind. */
  description: string;
  weights: { Links: number; 'Total link strength': number };
  scores: { PageRank: number; Betweenness: number };
}

export interface VosviewerDocument {
  config: {
    terminology: {
      item: string;
      items: string;
      link: string;
      links: string;
      link_strength: string;
      total_link_strength: string;
    };
  };
  network: {
    items: VosviewerItem[];
    links: Array<{ source_id: number; target_id: number; strength: number }>;
  };
}

/**
 * The network in VOSviewer's JSON format: one item per node with an integer id (1-based
 * node order; the entity id is in the description), its Louvain community as `cluster`,
 * `weights` Links (degree) and Total link strength (weighted degree), and `scores`
 * PageRank and Betweenness; one link per edge with the edge weight as `strength`.
 * VOSviewer lays the map out itself (no x, y). Open with File > Open > VOSviewer JSON file,
 * or online at app.vosviewer.com.
 */
export function toVosviewerJson(network: NetworkData, measures: NetworkMeasures): VosviewerDocument {
  const idOf = new Map(network.nodes.map((node, index) => [node.id, index + 1]));
  const items = network.nodes.map((node, index) => {
    const values = measures.byNode.get(node.id);
    if (!values)
      throw new TypeError(`toVosviewerJson expects measures for every node, received none for "${node.id}"`);
    return {
      id: index + 1,
      label: node.label,
      cluster: values.community,
      description: `<table><tr><td>id</td><td>${escapeXml(node.id)}</td></tr><tr><td>kind</td><td>${escapeXml(node.kind)}</td></tr></table>`,
      weights: { Links: values.degree, 'Total link strength': values.weightedDegree },
      scores: { PageRank: values.pageRank, Betweenness: values.betweenness },
    };
  });
  const links = network.edges.map((edge) => ({
    source_id: idOf.get(edge.source)!,
    target_id: idOf.get(edge.target)!,
    strength: edge.weight,
  }));
  const words = terminology(network);
  return {
    config: {
      terminology: {
        item: words.item,
        items: plural(words.item),
        link: words.link,
        links: plural(words.link),
        link_strength: `shared ${words.evidence}`,
        total_link_strength: `total shared ${words.evidence}`,
      },
    },
    network: { items, links },
  };
}

function terminology(network: NetworkData): { item: string; link: string; evidence: string } {
  const kinds = new Set(network.nodes.map((node) => node.kind));
  const item = kinds.size === 1 ? [...kinds][0]!.toLowerCase().replace(/_/g, ' ') : 'entity';
  const evidenceKind = network.edges[0]?.evidenceKind;
  const evidence =
    evidenceKind === 'CALL' ? 'calls' : evidenceKind === 'RELATIONSHIP' ? 'relationships' : 'projects';
  return { item, link: 'link', evidence };
}

function plural(word: string): string {
  return word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`;
}
