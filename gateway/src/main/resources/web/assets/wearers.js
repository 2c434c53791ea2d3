// The list of wearers the signed-in user may see (a physiotherapist: those assigned to them).
import { getJson } from './api.js';
import { signedInPage } from './chrome.js';
import { el, emptyState, errorState, show } from './dom.js';
import { ago, num, shoeSize, when } from './format.js';

const page = document.getElementById('page');

async function main() {
  const session = await signedInPage();
  let wearers;
  try {
    wearers = await getJson('/api/wearers');
  } catch (error) {
    show(page, el('h1', {}, 'Wearers'), errorState(error, 'the wearers'));
    return;
  }
  if (session.role === 'wearer' && wearers.length === 1) {
    location.replace('/wearers/' + encodeURIComponent(wearers[0].id));
    return;
  }
  const intro = session.role === 'admin'
    ? 'Every wearer registered on this gateway.'
    : 'The wearers assigned to you. Open one to see their trends, reports and live pressure.';
  if (wearers.length === 0) {
    show(page, el('h1', {}, 'Wearers'), emptyState('No wearers to show',
      session.role === 'physio'
        ? ' No wearer is assigned to you yet. An administrator assigns wearers with "plantar users assign".'
        : ' No wearer is registered on this gateway yet.'));
    return;
  }
  const rows = wearers.map((w) => {
    const href = '/wearers/' + encodeURIComponent(w.id);
    return el('tr', { class: 'clickable', 'data-wearer': w.id, onclick: () => location.assign(href) },
      el('td', {}, el('a', { href }, w.displayName || w.id), w.displayName ? [el('br'), el('small', {}, w.id)] : null),
      el('td', { class: 'num' }, w.bodyWeightKg == null ? '–' : num(w.bodyWeightKg, 1) + ' kg'),
      el('td', { class: 'num' }, shoeSize(w.shoeSize) || '–'),
      el('td', { title: when(w.lastSeen) }, w.lastSeen ? ago(w.lastSeen) : 'never synced'),
      el('td', { class: 'num' }, w.openAlerts > 0
        ? el('span', { class: 'badge alert' }, w.openAlerts)
        : el('span', { class: 'badge ok' }, 'none')));
  });
  show(page,
    el('h1', {}, 'Wearers'),
    el('p', { class: 'muted' }, intro),
    el('section', { class: 'panel table-scroll' },
      el('table', { id: 'wearers' },
        el('thead', {}, el('tr', {},
          el('th', {}, 'Wearer'), el('th', { class: 'num' }, 'Body weight'), el('th', { class: 'num' }, 'Shoe size'),
          el('th', {}, 'Insoles last seen'), el('th', { class: 'num' }, 'Open alerts'))),
        el('tbody', {}, rows))));
}

main();
