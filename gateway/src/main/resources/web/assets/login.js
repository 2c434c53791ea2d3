// Sign-in page: POST /api/session, then back to where the user was going (only a local path).
import { ApiError, loadSession, signIn } from './api.js';
import { el, show } from './dom.js';

const form = document.getElementById('login');
const message = document.getElementById('login-error');

function nextPage() {
  const next = new URLSearchParams(location.search).get('next');
  // Only a path on this server: never an absolute or protocol-relative address.
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/wearers';
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = document.getElementById('sign-in');
  button.disabled = true;
  show(message);
  try {
    await signIn(form.username.value.trim(), form.password.value);
    location.assign(nextPage());
  } catch (error) {
    let text = error.message;
    if (error instanceof ApiError && error.status === 401) {
      text = 'Wrong user name or password.';
    } else if (error instanceof ApiError && error.status === 429) {
      text = `Too many attempts. Try again in ${error.retryAfterS || 60} seconds.`;
    }
    show(message, el('div', { class: 'state error', 'data-state': 'error' }, text));
    button.disabled = false;
  }
});

// Already signed in (e.g. the back button): go straight on.
loadSession().then((session) => {
  if (session) {
    location.replace(nextPage());
  }
}).catch(() => {});
