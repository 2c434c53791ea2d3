// One wearer: profile and devices, sync status, commands to the insoles (not for wearers), the trend of a chosen metric, the per-stride CSV,
// interventions (add one) and alerts (acknowledge). Each panel loads on its own, so one failing
// call leaves the others readable.
import { getJson, send, wearerPath } from './api.js';
import { signedInPage, wearerIdFromPath, wearerTabs } from './chrome.js';
import { el, emptyState, errorState, loading, show } from './dom.js';
import { ago, day, isoDate, num, shoeSize, sideName, when } from './format.js';
import { insoleCommandsPanel } from './insole-commands.js';
import { drawTrend, interventionLabel } from './trend-chart.js';

const page = document.getElementById('page');
const wearerId = wearerIdFromPath();
const RANGES = [
  { days: 14, label: 'Last 2 weeks' },
  { days: 56, label: 'Last 8 weeks' },
  { days: 182, label: 'Last 6 months' },
  { days: 365, label: 'Last year' },
];
const CSV_MAX_DAYS = 90;

let session;
let wearer;

async function main() {
  session = await signedInPage();
  try {
    wearer = await getJson(wearerPath(wearerId));
  } catch (error) {
    show(page, el('h1', {}, 'Wearer'), errorState(error, 'this wearer'));
    return;
  }
  document.title = `${wearer.displayName || wearer.id} · Plantar`;
  const panels = {
    profile: el('section', { class: 'panel', id: 'profile' }),
    sync: el('section', { class: 'panel', id: 'sync' }),
    trend: el('section', { class: 'panel', id: 'trend' }),
    interventions: el('section', { class: 'panel', id: 'interventions' }),
    alerts: el('section', { class: 'panel', id: 'alerts' }),
  };
  // Wearers are not offered commands: the API refuses them anyway.
  const canCommand = session.role === 'physio' || session.role === 'admin';
  show(page,
    el('h1', {}, wearer.displayName || wearer.id),
    wearerTabs(wearerId, 'overview'),
    el('div', { class: 'grid' }, panels.profile, panels.sync),
    canCommand ? insoleCommandsPanel(wearerId, wearer.devices || []) : null,
    panels.trend,
    el('div', { class: 'grid' }, panels.interventions, panels.alerts));
  drawProfile(panels.profile);
  drawSync(panels.sync);
  drawTrendPanel(panels.trend);
  drawInterventions(panels.interventions);
  drawAlerts(panels.alerts);
}

function drawProfile(panel) {
  const devices = wearer.devices || [];
  show(panel,
    el('h2', {}, 'Profile'),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Wearer id'), el('dd', {}, wearer.id),
      el('dt', {}, 'Body weight'), el('dd', {}, wearer.bodyWeightKg == null ? 'not recorded' : `${num(wearer.bodyWeightKg, 1)} kg`),
      el('dt', {}, 'Shoe size'), el('dd', {}, shoeSize(wearer.shoeSize) || 'not recorded'),
      el('dt', {}, 'Notes'), el('dd', {}, wearer.notes || el('span', { class: 'muted' }, 'none'))),
    el('h3', { style: 'margin-top:1rem' }, 'Devices'),
    devices.length === 0
      ? emptyState('No devices paired', ' Pair the insoles (and the phone or hub) with "plantar hubs pair".')
      : el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'Device'), el('th', {}, 'Kind'), el('th', {}, 'Foot'))),
        el('tbody', {}, devices.map((d) => el('tr', {},
          el('td', {}, el('code', {}, d.id)),
          el('td', {}, d.kind === 'hub' ? 'Phone / hub' : 'Insole'),
          el('td', { class: d.side ? 'side-' + d.side : '' }, d.side ? sideName(d.side) : '–'))))));
}

async function drawSync(panel) {
  show(panel, el('h2', {}, 'Sync status'), loading('sync status'));
  let sync;
  try {
    sync = await getJson(wearerPath(wearerId, 'sync'));
  } catch (error) {
    show(panel, el('h2', {}, 'Sync status'), errorState(error, 'the sync status'));
    return;
  }
  const devices = sync.devices || [];
  if (devices.length === 0) {
    show(panel, el('h2', {}, 'Sync status'),
      emptyState('Nothing synced yet', ' The insoles have not connected to this gateway yet.'));
    return;
  }
  show(panel,
    el('h2', {}, 'Sync status'),
    el('div', { class: 'table-scroll' }, el('table', { id: 'sync-table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Insole'), el('th', {}, 'Last seen'), el('th', { class: 'num' }, 'Battery'),
        el('th', { class: 'num' }, 'Waiting to upload'), el('th', {}, 'Clock'))),
      el('tbody', {}, devices.map((d) => el('tr', {},
        el('td', { class: 'side-' + d.side }, sideName(d.side), el('br'), el('small', {}, d.id)),
        el('td', { title: when(d.lastSeen) }, d.lastSeen ? ago(d.lastSeen) : 'never'),
        el('td', { class: 'num' }, battery(d.batteryPct)),
        el('td', { class: 'num' }, d.pendingBacklogFrames == null ? 'unknown'
          : d.pendingBacklogFrames === 0 ? 'nothing' : `${d.pendingBacklogFrames.toLocaleString()} frames`),
        el('td', {}, timeQuality(d.timeQuality))))))),
    gapsList(devices));
}

function battery(pct) {
  if (pct == null) return 'unknown';
  const cls = pct < 15 ? 'bad' : pct < 35 ? 'warn' : 'ok';
  return el('span', { class: 'badge ' + cls }, `${num(pct, 0)} %`);
}

function timeQuality(quality) {
  if (quality === 'anchored') return el('span', { class: 'badge ok', title: 'Times are tied to the phone clock' }, 'synchronised');
  if (quality === 'unanchored') return el('span', { class: 'badge warn', title: 'Times are estimated until the insole syncs its clock' }, 'estimated');
  return el('span', { class: 'badge' }, 'unknown');
}

function gapsList(devices) {
  const gaps = devices.flatMap((d) => (d.gaps || []).map((g) => ({ ...g, side: d.side })));
  if (gaps.length === 0) {
    return el('p', { class: 'chart-note' }, 'No gaps: every period the insoles recorded has arrived.');
  }
  const shown = gaps.slice(-5);
  return el('div', {},
    el('h3', { style: 'margin-top:1rem' }, `Gaps with no data (${gaps.length})`),
    el('ul', {}, shown.map((g) => el('li', {}, el('span', { class: 'side-' + g.side }, sideName(g.side)), ': ',
      `${when(g.from)} – ${when(g.to)}`))),
    gaps.length > shown.length ? el('p', { class: 'chart-note' }, `Showing the latest ${shown.length}.`) : null);
}

async function drawTrendPanel(panel) {
  let metrics;
  try {
    metrics = await getJson('/api/metrics');
  } catch (error) {
    show(panel, el('h2', {}, 'Trends'), errorState(error, 'the list of metrics'));
    return;
  }
  const metricSelect = el('select', { id: 'metric' }, metrics.map((m) => el('option', { value: m.name }, `${m.label} (${m.unit})`)));
  const bucketSelect = el('select', { id: 'bucket' }, el('option', { value: 'day' }, 'Daily'), el('option', { value: 'week' }, 'Weekly'));
  const rangeSelect = el('select', { id: 'range' }, RANGES.map((r) => el('option', { value: r.days }, r.label)));
  rangeSelect.value = '56';
  const csvLink = el('a', { class: 'button', id: 'strides-csv', download: '' }, 'Download per-stride data (CSV)');
  const chart = el('div', { class: 'chart', id: 'trend-chart' });
  const note = el('div', { id: 'trend-note' });
  show(panel,
    el('header', {}, el('h2', {}, 'Trends'), csvLink),
    el('div', { class: 'controls' },
      el('div', {}, el('label', { for: 'metric' }, 'Metric'), metricSelect),
      el('div', {}, el('label', { for: 'bucket' }, 'Average per'), bucketSelect),
      el('div', {}, el('label', { for: 'range' }, 'Period'), rangeSelect)),
    note, chart,
    el('p', { class: 'chart-note' }, 'Each dot is the mean over all strides of that day or week; blue is the left foot, '
      + 'orange the right. Dashed purple lines mark interventions.'));
  const refresh = async () => {
    const to = new Date(Date.now() + 86400000);
    const from = new Date(to.getTime() - Number(rangeSelect.value) * 86400000);
    const range = { from: isoDate(from), to: isoDate(to) };
    // Per-stride rows are many: the API gives at most 92 days of them at a time.
    const csvDays = Math.min(Number(rangeSelect.value), CSV_MAX_DAYS);
    csvLink.href = wearerPath(wearerId, 'strides',
      { from: isoDate(new Date(to.getTime() - csvDays * 86400000)), to: range.to, format: 'csv' });
    csvLink.textContent = `Download per-stride data, last ${csvDays} days (CSV)`;
    show(note, loading('the trend'));
    try {
      const trend = await getJson(wearerPath(wearerId, 'trends', { metric: metricSelect.value, bucket: bucketSelect.value, ...range }));
      const points = drawTrend(chart, trend, wearer.interventions || []);
      show(note, points === 0 ? emptyState('No strides in this range',
        ' The insoles have not synced walking data for this period yet.') : null);
    } catch (error) {
      drawTrend(chart, { series: [] }, []);
      show(note, errorState(error, 'the trend'));
    }
  };
  metricSelect.addEventListener('change', refresh);
  bucketSelect.addEventListener('change', refresh);
  rangeSelect.addEventListener('change', refresh);
  refresh();
}

function drawInterventions(panel) {
  const list = [...(wearer.interventions || [])].sort((a, b) => b.date.localeCompare(a.date));
  const canAdd = session.role !== 'wearer';
  const base = '/wearers/' + encodeURIComponent(wearerId);
  const message = el('div', { role: 'status' });
  const form = canAdd ? el('form', { id: 'add-intervention', class: 'form-row', style: 'margin-top:1rem' },
    el('div', {}, el('label', { for: 'iv-kind' }, 'Kind'),
      el('select', { id: 'iv-kind', name: 'kind' }, el('option', { value: 'orthotic_fitted' }, 'Orthotic fitted'),
        el('option', { value: 'other' }, 'Other'))),
    el('div', {}, el('label', { for: 'iv-date' }, 'Date'), el('input', { id: 'iv-date', name: 'date', type: 'date', required: true, value: isoDate(new Date()) })),
    el('div', { style: 'flex:1; min-width: 10rem' }, el('label', { for: 'iv-note' }, 'Note'),
      el('input', { id: 'iv-note', name: 'note', maxlength: 500, placeholder: 'e.g. custom insole, medial posting' })),
    el('button', { class: 'primary', type: 'submit' }, 'Add')) : null;
  if (form) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const added = await send('POST', wearerPath(wearerId, 'interventions'),
          { kind: form.kind.value, date: form.date.value, note: form.note.value });
        wearer.interventions = [...(wearer.interventions || []), added];
        drawInterventions(panel);
        drawTrendPanel(document.getElementById('trend'));
      } catch (error) {
        show(message, errorState(error, 'the intervention'));
      }
    });
  }
  show(panel,
    el('h2', {}, 'Interventions'),
    list.length === 0
      ? emptyState('No interventions recorded', ' Record one (e.g. an orthotic fitted) to compare walking before and after it.')
      : el('table', { id: 'interventions-table' }, el('tbody', {}, list.map((i) => el('tr', { 'data-intervention': i.id },
        el('td', {}, day(i.date)),
        el('td', {}, el('strong', {}, interventionLabel(i)), i.note && i.kind === 'orthotic_fitted' ? el('br') : null,
          i.kind === 'orthotic_fitted' && i.note ? el('small', {}, i.note) : null),
        el('td', {}, el('a', { href: `${base}/report?intervention=${encodeURIComponent(i.id)}` }, 'Before/after report')))))),
    message, form);
}

async function drawAlerts(panel) {
  show(panel, el('h2', {}, 'Alerts'), loading('alerts'));
  const to = new Date(Date.now() + 86400000);
  const from = new Date(to.getTime() - 90 * 86400000);
  let alerts;
  try {
    alerts = await getJson(wearerPath(wearerId, 'alerts', { from: isoDate(from), to: isoDate(to) }));
  } catch (error) {
    show(panel, el('h2', {}, 'Alerts'), errorState(error, 'the alerts'));
    return;
  }
  const canAck = session.role === 'physio' || session.role === 'admin';
  const message = el('div', { role: 'status' });
  if (alerts.length === 0) {
    show(panel, el('h2', {}, 'Alerts'), emptyState('No alerts in the last 90 days',
      ' Alerts appear when pressure stays high on one spot (hot-spot dwell) or when the feet are loaded unevenly (asymmetry).'));
    return;
  }
  alerts.sort((a, b) => b.start.localeCompare(a.start));
  const open = alerts.filter((a) => !a.acknowledged).length;
  show(panel,
    el('header', {}, el('h2', {}, 'Alerts'), el('span', { class: open ? 'badge alert' : 'badge ok' }, `${open} open`)),
    message,
    el('div', { class: 'table-scroll' }, el('table', { id: 'alerts-table' }, el('tbody', {}, alerts.map((a) => el('tr', { 'data-alert': a.id },
      el('td', {}, el('span', { class: 'badge ' + (a.severity === 'high' || a.severity === 'critical' ? 'bad' : 'warn') }, alertKind(a.kind)),
        a.side ? el('span', { class: 'side-' + a.side }, ' ' + sideName(a.side)) : null),
      el('td', {}, when(a.start), el('br'), el('small', {}, a.detail || '')),
      el('td', {}, a.acknowledged
        ? el('small', {}, `Acknowledged${a.acknowledgedBy ? ' by ' + a.acknowledgedBy : ''}`)
        : canAck ? el('button', { type: 'button', class: 'ack', onclick: (event) => acknowledge(event.target, a, panel, message) }, 'Acknowledge')
          : el('small', {}, 'Open'))))))));
}

function alertKind(kind) {
  return { hot_spot_dwell: 'Hot spot', asymmetry: 'Asymmetry' }[kind] || kind;
}

async function acknowledge(button, alert, panel, message) {
  button.disabled = true;
  try {
    await send('POST', wearerPath(wearerId, `alerts/${encodeURIComponent(alert.id)}/ack`));
    drawAlerts(panel);
  } catch (error) {
    button.disabled = false;
    show(message, errorState(error, 'the acknowledgement'));
  }
}

main();
