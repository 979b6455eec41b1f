// Readable labels at rest on small networks. Sigma's label grid shows one label per 80 px cell
// and none on nodes drawn under 8 px, which left 8 of the 30 funders of the co-funding network
// unlabelled; on a network of a few dozen nodes every label fits if the nodes make room for
// them. After the layout settles, each node and its label (sigma draws it to the right of the
// disc) are taken as one box, and overlapping boxes are pushed apart inside the canvas. Pushing
// alone left 17 pairs touching on the organisation network (35 long names in tight clusters):
// what it leaves, a greedy pass settles (each node to the nearest free spot), and names longer
// than SHORT_LABEL_LENGTH are drawn shortened at rest, whole on hover and in the side panel.

/** Networks up to this many nodes get every label, placed so that none overlaps another. */
export const LABEL_EVERY_NODE_UP_TO = 50;

/** A node as drawn, in viewport pixels: its centre, its disc's radius and its label's size. */
export interface DrawnLabel {
  id: string;
  x: number;
  y: number;
  radius: number;
  labelWidth: number;
  labelHeight: number;
}

/** Longest label drawn at rest on a small network; the organisation network's longest is 53. */
export const SHORT_LABEL_LENGTH = 30;

/**
 * The label drawn at rest: the name itself when short; else the acronym it ends with in
 * brackets ("Hospital del Mar Research Institute (IMIM)" -> "IMIM"); else its words up to
 * SHORT_LABEL_LENGTH characters and an ellipsis ("IRCCS Istituto delle Scienze…"), words of
 * punctuation alone ("–") dropped from the end.
 */
export function shortLabel(label: string, length = SHORT_LABEL_LENGTH): string {
  const name = label.trim();
  if (name.length <= length) return name;
  const acronym = /\(([A-Z][A-Za-z0-9&.-]{1,15})\)$/.exec(name)?.[1];
  if (acronym) return acronym;
  const words = name.split(/\s+/);
  let kept = '';
  for (const word of words) {
    const next = kept ? `${kept} ${word}` : word;
    if (next.length > length - 1) break;
    kept = next;
  }
  kept = kept.replace(/(\s+[^\p{L}\p{N}]+)+$/u, '');
  // One word longer than the limit: cut inside it.
  if (!kept) kept = name.slice(0, length - 1);
  return `${kept}…`;
}

/** The rectangle a node and its label take: the disc, then 3 px, then the text (sigma's drawing). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Sigma writes the label from x + radius + 3, its baseline a third of the font size below y. */
export const LABEL_GAP = 3;

export function boxOf(node: DrawnLabel): Box {
  const halfText = node.labelHeight / 2;
  return {
    left: node.x - node.radius,
    right: node.x + node.radius + LABEL_GAP + node.labelWidth,
    top: node.y - Math.max(node.radius, halfText),
    bottom: node.y + Math.max(node.radius, halfText),
  };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Pairs of nodes whose boxes overlap (for the tests and for knowing when to stop). */
export function overlappingPairs(nodes: readonly DrawnLabel[]): [string, string][] {
  const boxes = nodes.map(boxOf);
  const pairs: [string, string][] = [];
  for (let i = 0; i < nodes.length; i += 1) {
    for (let j = i + 1; j < nodes.length; j += 1) {
      if (overlaps(boxes[i]!, boxes[j]!)) pairs.push([nodes[i]!.id, nodes[j]!.id]);
    }
  }
  return pairs;
}

/** Space kept between two boxes once separated, in pixels. */
const SPACING = 2;
/** Rounds of pushing; 30 nodes of the co-funding network settle in a few dozen. */
const MAX_ROUNDS = 400;

/**
 * Moves nodes (a copy; the input is untouched) until no two boxes overlap and every box lies
 * inside `width` x `height` less `margin`, or MAX_ROUNDS have passed. Each overlapping pair is
 * pushed apart along the axis where it overlaps less (mostly up and down: labels are wide),
 * each node half the way. Returns the new centres.
 */
export function separateLabels(
  nodes: readonly DrawnLabel[],
  width: number,
  height: number,
  margin = 4,
): Map<string, { x: number; y: number }> {
  const placed = nodes.map((node) => ({ ...node }));
  const clamp = (node: DrawnLabel) => {
    const box = boxOf(node);
    const boxWidth = box.right - box.left;
    const boxHeight = box.bottom - box.top;
    // A box wider or taller than the canvas cannot fit; it is kept at the left or top edge.
    const minX = margin + (node.x - box.left);
    const maxX = Math.max(minX, width - margin - boxWidth + (node.x - box.left));
    const minY = margin + (node.y - box.top);
    const maxY = Math.max(minY, height - margin - boxHeight + (node.y - box.top));
    node.x = Math.min(maxX, Math.max(minX, node.x));
    node.y = Math.min(maxY, Math.max(minY, node.y));
  };
  placed.forEach(clamp);
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    let moved = false;
    for (let i = 0; i < placed.length; i += 1) {
      for (let j = i + 1; j < placed.length; j += 1) {
        const a = placed[i]!;
        const b = placed[j]!;
        const boxA = boxOf(a);
        const boxB = boxOf(b);
        if (!overlaps(boxA, boxB)) continue;
        moved = true;
        const overlapX = Math.min(boxA.right, boxB.right) - Math.max(boxA.left, boxB.left) + SPACING;
        const overlapY = Math.min(boxA.bottom, boxB.bottom) - Math.max(boxA.top, boxB.top) + SPACING;
        // Each goes half the way; what the canvas edge keeps one from going, the other goes.
        const axis = overlapY <= overlapX ? 'y' : 'x';
        const overlap = axis === 'y' ? overlapY : overlapX;
        // The upper (or left) one goes up (or left), the other the other way; on a tie, by order.
        const sign = a[axis] < b[axis] || a[axis] === b[axis] ? -1 : 1;
        const before = a[axis];
        a[axis] += (sign * overlap) / 2;
        clamp(a);
        b[axis] -= sign * (overlap - Math.abs(a[axis] - before));
        clamp(b);
      }
    }
    if (!moved) break;
  }
  settleRemaining(placed, width, height, margin);
  return new Map(placed.map((node) => [node.id, { x: node.x, y: node.y }]));
}

/** Grid step of the spots settleRemaining tries, in pixels. */
const SPOT_STEP = 4;

/**
 * What pushing left overlapping, settled greedily: nodes in order of size (the largest keep
 * their place), each left where it is when its box meets none of those before it, else moved to
 * the nearest spot (on a SPOT_STEP grid, within the canvas) where it meets none. Every pair is
 * then apart unless some node found no free spot at all (a canvas too small for the labels).
 */
function settleRemaining(placed: DrawnLabel[], width: number, height: number, margin: number): void {
  const fixed: Box[] = [];
  const free = (box: Box) =>
    box.left >= margin &&
    box.top >= margin &&
    box.right <= width - margin &&
    box.bottom <= height - margin &&
    fixed.every((other) => !overlaps(box, other));
  const order = [...placed].sort((a, b) => b.radius - a.radius || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let spots: [number, number][] | null = null;
  for (const node of order) {
    if (!free(boxOf(node))) {
      spots ??= spotsByDistance(width, height);
      for (const [dx, dy] of spots) {
        const candidate = { ...node, x: node.x + dx, y: node.y + dy };
        if (free(boxOf(candidate))) {
          node.x = candidate.x;
          node.y = candidate.y;
          break;
        }
      }
    }
    fixed.push(boxOf(node));
  }
}

/** Offsets on the SPOT_STEP grid across the whole canvas, nearest first (~160,000 on 1000 x 650). */
function spotsByDistance(width: number, height: number): [number, number][] {
  const spots: [number, number][] = [];
  for (let dx = -width; dx <= width; dx += SPOT_STEP) {
    for (let dy = -height; dy <= height; dy += SPOT_STEP) spots.push([dx, dy]);
  }
  const distance = ([dx, dy]: [number, number]) => dx * dx + dy * dy;
  return spots.sort((a, b) => distance(a) - distance(b));
}
