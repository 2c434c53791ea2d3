// The frame every signed-in page shares: the top bar (who is signed in, sign out), the wearer tabs,
// and the wearer id taken from the address (/wearers/{id}[/report|/live]).
import { loadSession, signOut } from './api.js';
import { el } from './dom.js';

/** Loads the session (or goes to the login page) and draws the top bar; resolves to the session. */
export async function signedInPage() {
  const session = await loadSession();
  if (!session) {
    location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
    return new Promise(() => {});
  }
  const bar = document.querySelector('header.topbar');
  bar.replaceChildren(
    el('a', { class: 'brand', href: '/wearers' }, 'Plantar'),
    el('nav', {}, el('a', { href: '/wearers' }, session.role === 'wearer' ? 'My insoles' : 'Wearers')),
    el('span', { class: 'who', 'data-user': session.username }, `${session.username} (${roleName(session.role)})`),
    el('button', {
      type: 'button',
      onclick: async () => {
        await signOut();
        location.assign('/login');
      },
    }, 'Sign out'));
  return session;
}

function roleName(role) {
  return { admin: 'administrator', physio: 'physiotherapist', wearer: 'wearer' }[role] || role;
}

/** The wearer id in /wearers/{id}…, decoded. */
export function wearerIdFromPath() {
  const match = location.pathname.match(/^\/wearers\/([^/]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

/** Tabs between a wearer's overview, report and live view; `current` is 'overview'|'report'|'live'. */
export function wearerTabs(wearerId, current) {
  const base = '/wearers/' + encodeURIComponent(wearerId);
  const tab = (name, href, label) => el('a', { href, 'aria-current': name === current ? 'page' : null }, label);
  return el('nav', { class: 'tabs', 'aria-label': 'Wearer views' },
    tab('overview', base, 'Overview and trends'),
    tab('report', base + '/report', 'Before/after report'),
    tab('live', base + '/live', 'Live pressure'));
}
