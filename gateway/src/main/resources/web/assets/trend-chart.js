// A metric's daily or weekly trend as a uPlot chart: left and right foot as two series (mean per
// bucket, dots and lines), interventions as labelled vertical lines. The uPlot instance is kept on
// the chart element (element.uplot) and the number of plotted points in data-points, so a test can
// check what is drawn.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { decimalsFor, num } from './format.js';

const LEFT = '#1f77b4';
const RIGHT = '#d95f02';
const MARKER = '#6a3d9a';

/**
 * Draws `trend` (the API's trends body) into `element`, replacing any earlier chart.
 * `interventions` are {date: 'YYYY-MM-DD', kind, note}. Returns the number of points drawn.
 */
export function drawTrend(element, trend, interventions) {
  if (element.uplot) {
    element.uplot.destroy();
    element.uplot = null;
  }
  element.replaceChildren();
  const data = toColumns(trend.series);
  const points = data[1].concat(data[2]).filter((v) => v !== null).length;
  element.dataset.points = String(points);
  if (points === 0) {
    return 0;
  }
  const decimals = decimalsFor(trend.unit);
  const value = (u, v) => (v === null || v === undefined ? '–' : `${num(v, decimals)} ${trend.unit}`);
  const markers = interventions.map((i) => ({ t: Date.parse(i.date + 'T00:00:00Z') / 1000, label: interventionLabel(i) }));
  const options = {
    width: Math.max(300, element.clientWidth),
    height: 320,
    scales: { x: { time: true }, y: { auto: true } },
    series: [
      { label: trend.bucket === 'week' ? 'Week of' : 'Day', value: (u, t) => (t == null ? '–' : new Date(t * 1000).toLocaleDateString()) },
      { label: 'Left foot', stroke: LEFT, width: 2, points: { show: true, size: 6, fill: LEFT }, value, spanGaps: false },
      { label: 'Right foot', stroke: RIGHT, width: 2, points: { show: true, size: 6, fill: RIGHT }, value, spanGaps: false },
    ],
    axes: [
      {},
      { label: `${trend.label} (${trend.unit})`, size: 70, values: (u, ticks) => ticks.map((v) => num(v, decimals)) },
    ],
    plugins: [interventionLines(markers)],
  };
  const chart = new uPlot(options, data, element);
  element.uplot = chart;
  if (!element.resizeWatcher) {
    element.resizeWatcher = new ResizeObserver(() => {
      if (element.uplot) {
        element.uplot.setSize({ width: Math.max(300, element.clientWidth), height: 320 });
      }
    });
    element.resizeWatcher.observe(element);
  }
  return points;
}

export function interventionLabel(intervention) {
  return intervention.kind === 'orthotic_fitted' ? 'Orthotic fitted' : (intervention.note || 'Intervention');
}

/** uPlot wants one x column and a y column per series, aligned: merge L and R on bucket start. */
function toColumns(series) {
  const bySide = { L: new Map(), R: new Map() };
  const times = new Set();
  for (const s of series || []) {
    for (const p of s.points || []) {
      const t = Date.parse(p.t) / 1000;
      times.add(t);
      if (bySide[s.side]) {
        bySide[s.side].set(t, p.mean);
      }
    }
  }
  const xs = [...times].sort((a, b) => a - b);
  const column = (side) => xs.map((t) => (bySide[side].has(t) ? bySide[side].get(t) : null));
  return [xs, column('L'), column('R')];
}

/** Dashed vertical lines with a label at each intervention's date. */
function interventionLines(markers) {
  return {
    hooks: {
      draw: (u) => {
        const { ctx } = u;
        const { top, height } = u.bbox;
        ctx.save();
        ctx.strokeStyle = MARKER;
        ctx.fillStyle = MARKER;
        ctx.lineWidth = 2 * devicePixelRatio;
        ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
        ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
        for (const marker of markers) {
          const x = Math.round(u.valToPos(marker.t, 'x', true));
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) {
            continue;
          }
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          ctx.fillText(marker.label, x + 4 * devicePixelRatio, top + 14 * devicePixelRatio);
        }
        ctx.restore();
      },
    },
  };
}
