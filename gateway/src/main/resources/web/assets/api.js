// The HTTP API as the pages use it (see the API contract): JSON in and out, the session cookie,
// the CSRF header on every request that changes something, and errors as ApiError.

/** A failed API call: the HTTP status, the API's snake_case code and its human-readable message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let currentSession = null;

/** The signed-in user ({username, role, wearerId?, csrfToken}), or null when nobody is signed in. */
export async function loadSession() {
  const response = await fetch('/api/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    currentSession = null;
    return null;
  }
  currentSession = await readJson(response);
  return currentSession;
}

export async function signIn(username, password) {
  const response = await fetch('/api/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  currentSession = await readJson(response);
  return currentSession;
}

export async function signOut() {
  await send('DELETE', '/api/session');
  currentSession = null;
}

/** GET a JSON resource. A 401 sends the browser to the login page and never resolves. */
export async function getJson(path) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    return toLogin();
  }
  return readJson(response);
}

/** POST/DELETE with the session's CSRF token; resolves to the JSON body, or null for 204. */
export async function send(method, path, body) {
  const headers = { Accept: 'application/json', 'X-CSRF-Token': currentSession ? currentSession.csrfToken : '' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && path !== '/api/session') {
    return toLogin();
  }
  return readJson(response);
}

/** The API path of one wearer's resource, with the id and query values escaped. */
export function wearerPath(wearerId, resource = '', query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, value);
    }
  }
  const search = params.toString();
  return `/api/wearers/${encodeURIComponent(wearerId)}${resource ? '/' + resource : ''}${search ? '?' + search : ''}`;
}

async function readJson(response) {
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    const message = body && body.error ? body.error : `The server answered ${response.status} ${response.statusText}`;
    const error = new ApiError(response.status, body && body.code ? body.code : 'http_' + response.status, message);
    error.retryAfterS = Number(response.headers.get('Retry-After')) || null;
    throw error;
  }
  return body;
}

function toLogin() {
  const next = location.pathname + location.search;
  location.assign('/login?next=' + encodeURIComponent(next));
  return new Promise(() => {});
}
