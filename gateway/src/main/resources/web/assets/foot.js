// Feet drawn as SVG, seen from above with the toes up: the left foot's outer (lateral) edge on the
// left of the screen, the right foot's on the right, as the wearer stands in front of the viewer's
// screen. Positions come in the insole's own frame: u across (fraction of the insole's width,
// lateral positive, 0 on the centre line) and v along (fraction of its length, heel 0, toe 1).

const SVG = 'http://www.w3.org/2000/svg';
export const VIEW_W = 120;
export const VIEW_H = 260;
const MARGIN = 8;

/** An outline of a foot in (u, v), lateral to the right; smoothed into a closed curve. */
const OUTLINE = [
  [0.02, 0.0], [0.24, 0.03], [0.34, 0.12], [0.36, 0.27], [0.38, 0.42], [0.45, 0.56], [0.5, 0.68],
  [0.47, 0.79], [0.37, 0.86], [0.2, 0.92], [0.0, 0.985], [-0.2, 1.0], [-0.38, 0.94], [-0.47, 0.82],
  [-0.46, 0.68], [-0.32, 0.54], [-0.25, 0.4], [-0.3, 0.24], [-0.3, 0.1], [-0.19, 0.02],
];

/** Where the regions of a foot start and end along its length (v), heel first. */
export const REGIONS = [
  { key: 'heelPct', label: 'Heel', from: 0, to: 0.3 },
  { key: 'midfootPct', label: 'Midfoot', from: 0.3, to: 0.55 },
  { key: 'forefootPct', label: 'Forefoot', from: 0.55, to: 0.82 },
  { key: 'toesPct', label: 'Toes', from: 0.82, to: 1.0 },
];

export function svgEl(tag, attributes = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) {
    node.setAttribute(key, value);
  }
  return node;
}

/** Screen position of (u, v) for a side: the left foot is mirrored so its lateral edge is on the left. */
export function toView(side, u, v) {
  const mirror = side === 'L' ? -1 : 1;
  const width = VIEW_W - 2 * MARGIN;
  return [VIEW_W / 2 + mirror * u * width, VIEW_H - MARGIN - v * (VIEW_H - 2 * MARGIN)];
}

/** The closed outline path (Catmull-Rom through OUTLINE, as cubic Béziers). */
export function outlinePath(side) {
  const points = OUTLINE.map(([u, v]) => toView(side, u, v));
  const n = points.length;
  let d = `M${points[0][0].toFixed(1)},${points[0][1].toFixed(1)}`;
  for (let i = 0; i < n; i++) {
    const p0 = points[(i - 1 + n) % n];
    const p1 = points[i];
    const p2 = points[(i + 1) % n];
    const p3 = points[(i + 2) % n];
    const c1 = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
    const c2 = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
    d += ` C${c1[0].toFixed(1)},${c1[1].toFixed(1)} ${c2[0].toFixed(1)},${c2[1].toFixed(1)} ${p2[0].toFixed(1)},${p2[1].toFixed(1)}`;
  }
  return d + 'Z';
}

let clipCounter = 0;

/** An empty foot: an <svg> with the outline and a clip path for what is drawn inside it. */
export function footSvg(side, title) {
  const svg = svgEl('svg', { viewBox: `0 0 ${VIEW_W} ${VIEW_H}`, role: 'img', 'aria-label': title, 'data-side': side });
  const clipId = `foot-clip-${side}-${++clipCounter}`;
  const defs = svgEl('defs');
  const clip = svgEl('clipPath', { id: clipId });
  clip.append(svgEl('path', { d: outlinePath(side) }));
  defs.append(clip);
  const inside = svgEl('g', { 'clip-path': `url(#${clipId})` });
  inside.append(svgEl('path', { d: outlinePath(side), fill: '#f4f6f9' }));
  svg.append(defs, inside, svgEl('path', { d: outlinePath(side), fill: 'none', stroke: '#56606d', 'stroke-width': 1.5 }));
  svg.inside = inside;
  return svg;
}

/** Medial and lateral edge labels under a foot (which side is which differs per foot). */
export function edgeLabels(svg, side) {
  const [medialX] = toView(side, -0.45, 0);
  const [lateralX] = toView(side, 0.45, 0);
  for (const [x, text] of [[medialX, 'medial'], [lateralX, 'lateral']]) {
    const label = svgEl('text', { x, y: VIEW_H - 1, 'text-anchor': 'middle', 'font-size': 8, fill: '#7a8594' });
    label.textContent = text;
    svg.append(label);
  }
}
