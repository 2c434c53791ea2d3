// Before/after report for one intervention: per metric and foot the means, SDs, difference, effect
// size and p-value with a plain-language note, and the load distribution maps side by side.
// Prints as a clean report (print CSS in plantar.css).
import { getJson, wearerPath } from './api.js';
import { signedInPage, wearerIdFromPath, wearerTabs } from './chrome.js';
import { el, emptyState, errorState, loading, show } from './dom.js';
import { day, decimalsFor, num, sideName } from './format.js';
import { REGIONS, edgeLabels, footSvg, svgEl, toView, VIEW_W } from './foot.js';
import { interventionLabel } from './trend-chart.js';

const page = document.getElementById('page');
const wearerId = wearerIdFromPath();

async function main() {
  await signedInPage();
  let wearer;
  try {
    wearer = await getJson(wearerPath(wearerId));
  } catch (error) {
    show(page, el('h1', {}, 'Before/after report'), errorState(error, 'this wearer'));
    return;
  }
  const name = wearer.displayName || wearer.id;
  document.title = `Before/after report: ${name} · Plantar`;
  const interventions = [...(wearer.interventions || [])].sort((a, b) => b.date.localeCompare(a.date));
  const header = [el('h1', {}, `Before/after report: ${name}`), wearerTabs(wearerId, 'report')];
  if (interventions.length === 0) {
    show(page, ...header, emptyState('No intervention to report on',
      ' Record an intervention (e.g. "orthotic fitted") on the overview page; this report then compares the weeks before it with the weeks after.'));
    return;
  }
  const requested = new URLSearchParams(location.search).get('intervention');
  const chosen = interventions.find((i) => String(i.id) === requested) || interventions[0];
  const days = Number(new URLSearchParams(location.search).get('days')) || 28;
  const picker = el('select', { id: 'intervention' }, interventions.map((i) =>
    el('option', { value: i.id, selected: i.id === chosen.id }, `${interventionLabel(i)}, ${day(i.date)}`)));
  const daysSelect = el('select', { id: 'days' }, [14, 28, 56].map((d) => el('option', { value: d, selected: d === days }, `${d} days each side`)));
  const go = () => location.assign(`?intervention=${encodeURIComponent(picker.value)}&days=${daysSelect.value}`);
  picker.addEventListener('change', go);
  daysSelect.addEventListener('change', go);
  const body = el('div', { id: 'report' }, loading('the report'));
  show(page, ...header,
    el('div', { class: 'controls' },
      el('div', {}, el('label', { for: 'intervention' }, 'Intervention'), picker),
      el('div', {}, el('label', { for: 'days' }, 'Compare'), daysSelect),
      el('button', { type: 'button', onclick: () => print() }, 'Print or save as PDF')),
    body);
  let report;
  try {
    report = await getJson(wearerPath(wearerId, 'report', { intervention: chosen.id, days }));
  } catch (error) {
    show(body, errorState(error, 'the report'));
    return;
  }
  drawReport(body, report, wearer);
}

function drawReport(body, report, wearer) {
  const iv = report.intervention;
  const summary = el('section', { class: 'panel' },
    el('p', { class: 'print-only muted' }, `Plantar gait report, printed ${new Date().toLocaleString()}`),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Wearer'), el('dd', {}, `${wearer.displayName || wearer.id}`,
        wearer.bodyWeightKg != null ? `, ${num(wearer.bodyWeightKg, 1)} kg` : ''),
      el('dt', {}, 'Intervention'), el('dd', {}, `${interventionLabel(iv)} on ${day(iv.date)}`, iv.note ? ` (${iv.note})` : ''),
      el('dt', {}, 'Before'), el('dd', {}, period(report.before)),
      el('dt', {}, 'After'), el('dd', {}, period(report.after))));
  const noStrides = !report.before.strides || !report.after.strides;
  show(body, summary,
    noStrides ? emptyState('Not enough walking data to compare',
      ` The insoles synced ${report.before.strides || 0} strides before and ${report.after.strides || 0} after the intervention; `
      + 'both periods need strides for a comparison.') : null,
    metricsTable(report.metrics || []),
    loadMaps(report.loadMaps));
}

function period(p) {
  return `${day(p.from)} – ${day(p.to)}: ${(p.strides || 0).toLocaleString()} strides`;
}

function metricsTable(metrics) {
  if (metrics.length === 0) {
    return el('section', { class: 'panel' }, el('h2', {}, 'Gait metrics'),
      emptyState('No metrics to compare', ' There are no strides on one side of the intervention.'));
  }
  const rows = metrics.map((m) => {
    const d = decimalsFor(m.unit);
    const sig = m.pValue != null && m.pValue < 0.05;
    return el('tr', { 'data-metric': m.metric, 'data-side': m.side },
      el('td', {}, m.label, el('br'), el('small', {}, m.unit)),
      el('td', { class: 'side-' + m.side }, sideName(m.side)),
      el('td', { class: 'num' }, meanSd(m.before, d)),
      el('td', { class: 'num' }, meanSd(m.after, d)),
      el('td', { class: 'num' }, m.difference == null ? '–' : `${m.difference > 0 ? '+' : ''}${num(m.difference, d)}`),
      el('td', { class: 'num effect' }, m.effectSize == null ? '–' : `${num(m.effectSize, 2)} (${effectWord(m.effectSize)})`),
      el('td', { class: 'num' }, pText(m.pValue)),
      el('td', { class: sig ? 'sig-yes' : 'sig-no' }, plainNote(m, sig)));
  });
  return el('section', { class: 'panel' },
    el('h2', {}, 'Gait metrics before and after'),
    el('div', { class: 'table-scroll' }, el('table', { id: 'report-table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Metric'), el('th', {}, 'Foot'),
        el('th', { class: 'num' }, 'Before: mean ± SD (strides)'), el('th', { class: 'num' }, 'After: mean ± SD (strides)'),
        el('th', { class: 'num' }, 'Difference (after − before)'), el('th', { class: 'num' }, 'Effect size (g)'),
        el('th', { class: 'num' }, 'p-value'), el('th', {}, 'What it means'))),
      el('tbody', {}, rows))),
    el('p', { class: 'chart-note' },
      `Test: ${metrics[0].test || 'Welch t-test'} over strides. A p-value below 0.05 means a difference this large would rarely `
      + 'happen by chance if nothing had changed. Effect size is the difference in standard deviations (Hedges\' g): about 0.2 is small, '
      + '0.5 medium, 0.8 large. Strides of one person are not fully independent, so read p-values as a guide, not a proof.'));
}

function meanSd(s, decimals) {
  if (!s || s.n === 0 || s.mean == null) return '–';
  return `${num(s.mean, decimals)} ± ${num(s.sd, decimals)} (${s.n.toLocaleString()})`;
}

function effectWord(d) {
  const a = Math.abs(d);
  return a < 0.2 ? 'negligible' : a < 0.5 ? 'small' : a < 0.8 ? 'medium' : 'large';
}

function pText(p) {
  if (p == null) return '–';
  return p < 0.001 ? '< 0.001' : num(p, 3);
}

function plainNote(m, significant) {
  if (m.pValue == null) return 'Not enough strides to test';
  if (!significant) return 'No clear change (could be chance)';
  const direction = m.difference > 0 ? 'Higher' : 'Lower';
  return `${direction} after, unlikely to be chance`;
}

function loadMaps(maps) {
  if (!maps || !maps.before || !maps.after) {
    return el('section', { class: 'panel' }, el('h2', {}, 'Load distribution'),
      emptyState('No load distribution', ' There are no pressure samples on one side of the intervention.'));
  }
  return el('section', { class: 'panel', id: 'load-maps' },
    el('h2', {}, 'Where the load goes: share of each foot\'s load during stance'),
    el('div', { class: 'maps' }, mapPair('Before', maps.before), mapPair('After', maps.after)),
    el('p', { class: 'chart-note' }, 'Each region is shaded by its share of that foot\'s load (darker = more). '
      + 'Feet are seen from above, toes up. The bar under each foot splits its load between the inner (medial) and outer (lateral) half.'));
}

function mapPair(title, map) {
  const left = map.leftSharePct;
  return el('div', { 'data-map': title.toLowerCase() },
    el('h3', {}, title),
    el('div', { class: 'feet' }, foot('L', map.L, left), foot('R', map.R, left == null ? null : 100 - left)));
}

function foot(side, shares, bodyShare) {
  const svg = footSvg(side, `${sideName(side)} foot load distribution`);
  if (shares) {
    for (const region of REGIONS) {
      const pct = shares[region.key];
      const [, yTop] = toView(side, 0, region.to);
      const [, yBottom] = toView(side, 0, region.from);
      svg.inside.append(svgEl('rect', { x: 0, y: yTop, width: VIEW_W, height: yBottom - yTop, fill: shareColour(pct) }));
      const label = svgEl('text', { x: VIEW_W / 2, y: (yTop + yBottom) / 2 + 4, 'text-anchor': 'middle', 'font-size': 11,
        'font-weight': 600, fill: pct > 30 ? '#fff' : '#1c2430' });
      label.textContent = `${region.label} ${pct == null ? '–' : num(pct, 0) + ' %'}`;
      svg.append(label);
      svg.inside.append(svgEl('line', { x1: 0, x2: VIEW_W, y1: yTop, y2: yTop, stroke: '#fff', 'stroke-width': 1.5 }));
    }
    edgeLabels(svg, side);
  }
  const medial = shares ? shares.medialPct : null;
  const lateral = shares ? shares.lateralPct : null;
  const bar = shares ? splitBar(side, medial, lateral) : el('p', { class: 'muted' }, 'no data');
  return el('figure', { class: 'foot', 'data-side': side, style: 'margin:0' },
    el('figcaption', {}, el('span', { class: 'side-' + side }, `${sideName(side)} foot`),
      bodyShare == null ? '' : ` · ${num(bodyShare, 0)} % of body load`),
    svg, bar);
}

/** Medial and lateral halves as a bar, medial towards the body's midline. */
function splitBar(side, medial, lateral) {
  const part = (label, pct, colour) => el('span', { style: `width:${Math.max(pct || 0, 8)}%; background:${colour}` },
    `${label} ${num(pct, 0)} %`);
  const medialPart = part('Med.', medial, '#3f6e9e');
  const lateralPart = part('Lat.', lateral, '#8aa6c4');
  return el('div', { class: 'split-bar', title: 'Medial / lateral share of this foot\'s load' },
    side === 'L' ? [lateralPart, medialPart] : [medialPart, lateralPart]);
}

/** Light to dark blue by share of the foot's load, 0–50 %. */
function shareColour(pct) {
  if (pct == null) return '#eef1f5';
  const t = Math.max(0, Math.min(1, pct / 50));
  const from = [222, 235, 247];
  const to = [8, 48, 107];
  const c = from.map((f, i) => Math.round(f + (to[i] - f) * t));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

main();
