// Live pressure: both insoles' cells as a heat map, the centre-of-pressure trace of the last 2 s
// and the left/right load, from the gateway's SSE feed (event `frame`, ≥ 10 per second while the
// wearer walks). Frames are drawn at most once per animation frame; the element #live counts the
// frames received in data-frames, for tests and for the eye.
import { getJson, wearerPath } from './api.js';
import { signedInPage, wearerIdFromPath, wearerTabs } from './chrome.js';
import { el, emptyState, errorState, show } from './dom.js';
import { num, sideName } from './format.js';
import { edgeLabels, footSvg, svgEl, toView, VIEW_W } from './foot.js';
import { pressureColour, pressureLegend } from './pressure-scale.js';

const page = document.getElementById('page');
const wearerId = wearerIdFromPath();
const TRACE_MS = 2000;
/** With no frame for this long the wearer is shown as not streaming. */
const STALE_MS = 2500;
const GRAVITY = 9.81;

async function main() {
  await signedInPage();
  let wearer;
  let layout;
  try {
    [wearer, layout] = await Promise.all([getJson(wearerPath(wearerId)), getJson(wearerPath(wearerId, 'layout'))]);
  } catch (error) {
    show(page, el('h1', {}, 'Live pressure'), errorState(error, 'this wearer'));
    return;
  }
  document.title = `Live: ${wearer.displayName || wearer.id} · Plantar`;
  const status = el('div', { class: 'live-status', id: 'live-status', 'data-state': 'connecting' }, 'Connecting…');
  const feet = { L: liveFoot('L', layout.L), R: liveFoot('R', layout.R) };
  const bars = loadBars(wearer.bodyWeightKg);
  const live = el('section', { class: 'panel', id: 'live', 'data-frames': '0' },
    el('header', {}, el('h2', {}, 'Pressure under the feet, now'), status),
    el('div', { class: 'feet live-feet' }, feet.L.figure, feet.R.figure),
    pressureLegend(),
    el('p', { class: 'chart-note', style: 'text-align:center' },
      'Seen from above, toes up. The black line is the centre of pressure over the last 2 seconds; the dot is where it is now.'));
  show(page, el('h1', {}, `Live: ${wearer.displayName || wearer.id}`), wearerTabs(wearerId, 'live'), live,
    el('section', { class: 'panel' }, el('h2', {}, 'Load on each foot'), bars.element));
  stream(live, status, feet, bars);
}

/** One foot: an SVG with a circle per cell (filled by pressure), the CoP trace and its dot. */
function liveFoot(side, sideLayout) {
  const svg = footSvg(side, `${sideName(side)} foot pressure`);
  const figure = el('figure', { class: 'foot', 'data-side': side, style: 'margin:0' },
    el('figcaption', {}, el('span', { class: 'side-' + side }, `${sideName(side)} foot`)), svg);
  if (!sideLayout || !sideLayout.cells || sideLayout.cells.length === 0) {
    figure.append(el('p', { class: 'muted' }, 'This insole has not introduced itself yet (no HELLO).'));
    return { figure, update: () => {}, trace: [] };
  }
  const frame = footFrame(sideLayout);
  const scale = (VIEW_W - 16) / frame.widthMm;
  const circles = sideLayout.cells.map((cell, i) => {
    const [cx, cy] = toView(side, cellX(cell) / frame.widthMm, cellY(cell) / frame.lengthMm);
    const area = cell.areaMm2 || 1000;
    const r = 0.55 * Math.sqrt(area / Math.PI) * scale;
    const circle = svgEl('circle', { cx: cx.toFixed(1), cy: cy.toFixed(1), r: r.toFixed(1), fill: pressureColour(0),
      stroke: '#fff', 'stroke-width': 0.8, 'data-cell': i });
    svg.inside.append(circle);
    return circle;
  });
  const path = svgEl('polyline', { fill: 'none', stroke: '#111', 'stroke-width': 1.6, 'stroke-linejoin': 'round', points: '' });
  const dot = svgEl('circle', { r: 3.5, fill: '#111', visibility: 'hidden' });
  svg.append(path, dot);
  edgeLabels(svg, side);
  const trace = [];
  const toPoint = (cop) => toView(side, cop.x / frame.widthMm, cop.y / frame.lengthMm);
  return {
    figure,
    trace,
    update(cellsKpa, now) {
      for (let i = 0; i < circles.length; i++) {
        const kpa = cellsKpa && i < cellsKpa.length ? cellsKpa[i] : 0;
        circles[i].setAttribute('fill', pressureColour(kpa));
        circles[i].dataset.kpa = kpa == null ? '' : kpa.toFixed(0);
      }
      while (trace.length && trace[0].t < now - TRACE_MS) trace.shift();
      const points = trace.filter((p) => p.cop).map((p) => toPoint(p.cop));
      path.setAttribute('points', points.map((p) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`).join(' '));
      const last = trace.length ? trace[trace.length - 1].cop : null;
      if (last) {
        const [x, y] = toPoint(last);
        dot.setAttribute('cx', x.toFixed(1));
        dot.setAttribute('cy', y.toFixed(1));
      }
      dot.setAttribute('visibility', last ? 'visible' : 'hidden');
    },
  };
}

/**
 * The insole's length and width in mm: given by the layout, or (for an older gateway that leaves
 * them out) estimated from how far the cells reach, cells covering about 90 % of the length.
 */
function footFrame(sideLayout) {
  if (sideLayout.lengthMm && sideLayout.widthMm) {
    return { lengthMm: sideLayout.lengthMm, widthMm: sideLayout.widthMm };
  }
  const ys = sideLayout.cells.map(cellY);
  const xs = sideLayout.cells.map((c) => Math.abs(cellX(c)));
  const lengthMm = Math.max(...ys) / 0.92;
  return { lengthMm, widthMm: Math.max(Math.max(...xs) * 2.1, lengthMm * 0.36) };
}

/** A cell's centre in mm: {x, y} as the contract names them ({xMm, yMm} accepted too). */
function cellX(cell) {
  return cell.x !== undefined ? cell.x : cell.xMm;
}

function cellY(cell) {
  return cell.y !== undefined ? cell.y : cell.yMm;
}

function loadBars(bodyWeightKg) {
  const row = (side) => {
    const fill = el('div', { style: `width:0%; background: var(--${side === 'L' ? 'left' : 'right'})` });
    const value = el('span', { class: 'num', 'data-load': side }, '–');
    return { fill, value, cells: [el('span', { class: 'side-' + side }, `${sideName(side)} foot`), el('div', { class: 'bar' }, fill), value] };
  };
  const rows = { L: row('L'), R: row('R') };
  const share = el('p', { class: 'chart-note', id: 'left-share' }, 'Left/right share of the load appears while the wearer walks.');
  return {
    element: el('div', {}, el('div', { class: 'load-bars' }, rows.L.cells, rows.R.cells), share),
    update(frame) {
      const weightN = bodyWeightKg ? bodyWeightKg * GRAVITY : null;
      const max = Math.max(weightN || 0, (frame.L && frame.L.loadN) || 0, (frame.R && frame.R.loadN) || 0, 1);
      for (const side of ['L', 'R']) {
        const loadN = frame[side] ? frame[side].loadN : null;
        rows[side].fill.style.width = `${Math.min(100, (100 * (loadN || 0)) / max)}%`;
        rows[side].value.textContent = loadN == null ? '–'
          : `${num(loadN, 0)} N${weightN ? ` (${num((100 * loadN) / weightN, 0)} % of body weight)` : ''}`;
      }
      share.textContent = frame.leftSharePct == null ? 'Left/right share: not enough load to tell.'
        : `Left ${num(frame.leftSharePct, 0)} % · Right ${num(100 - frame.leftSharePct, 0)} % of the load now.`;
    },
  };
}

function stream(live, status, feet, bars) {
  const source = new EventSource(wearerPath(wearerId, 'live'), { withCredentials: true });
  let latest = null;
  let lastArrival = 0;
  let drawPending = false;
  let frames = 0;
  const setStatus = (state, text) => {
    if (status.dataset.state !== state) {
      status.dataset.state = state;
      status.replaceChildren(state === 'live' ? el('span', { class: 'badge ok' }, '● live') : el('span', { class: 'badge warn' }, text),
        state === 'live' ? ' updating as the wearer walks' : '');
    }
  };
  const noData = emptyState('No live data', ' The wearer is not walking, or the insoles are not connected right now.');
  noData.id = 'no-live-data';
  const draw = () => {
    drawPending = false;
    const now = Date.now();
    for (const side of ['L', 'R']) {
      feet[side].update(latest[side] ? latest[side].cellsKpa : null, now);
    }
    bars.update(latest);
  };
  source.addEventListener('frame', (event) => {
    latest = JSON.parse(event.data);
    lastArrival = Date.now();
    for (const side of ['L', 'R']) {
      feet[side].trace.push({ t: lastArrival, cop: latest[side] ? latest[side].cop : null });
    }
    live.dataset.frames = String(++frames);
    setStatus('live');
    noData.remove();
    if (!drawPending) {
      drawPending = true;
      requestAnimationFrame(draw);
    }
  });
  source.addEventListener('error', () => {
    setStatus('reconnecting', 'connection lost, reconnecting…');
  });
  const watch = () => {
    if (Date.now() - lastArrival > STALE_MS) {
      setStatus('idle', 'no live data');
      if (!noData.isConnected) live.querySelector('header').after(noData);
    }
  };
  setInterval(watch, 1000);
}

main();
