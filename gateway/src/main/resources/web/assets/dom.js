// Small DOM helpers shared by the pages: building elements and showing empty, error and
// forbidden states in words a clinician understands.

/** el('td', {class: 'num'}, 'text', child…): attributes (on… are listeners) and children. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value === true ? '' : value);
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(node, child);
    } else {
      node.append(child instanceof Node ? child : String(child));
    }
  }
}

/** Replaces what a container shows. */
export function show(container, ...children) {
  container.replaceChildren();
  append(container, children);
}

/** An explained empty state: a title and what it means. */
export function emptyState(title, explanation) {
  return el('div', { class: 'state empty', 'data-state': 'empty' }, el('strong', {}, title), explanation);
}

/** A failure of an API call, in words: 403 and 404 get their own wording. */
export function errorState(error, what) {
  if (error && error.status === 403 && error.code !== 'csrf') {
    return el('div', { class: 'state forbidden', 'data-state': 'forbidden', role: 'alert' },
      el('strong', {}, 'You are not assigned to this wearer'),
      'Ask an administrator to assign this wearer to you if you need to see their data.');
  }
  if (error && error.status === 404) {
    return el('div', { class: 'state error', 'data-state': 'not-found', role: 'alert' },
      el('strong', {}, 'Not found'), error.message || 'There is no such wearer or record.');
  }
  if (error && error.status === 403 && error.code === 'csrf') {
    return el('div', { class: 'state error', 'data-state': 'error', role: 'alert' },
      el('strong', {}, 'Your session has changed'), 'Reload the page and try again.');
  }
  return el('div', { class: 'state error', 'data-state': 'error', role: 'alert' },
    el('strong', {}, `Could not load ${what}`), error && error.message ? error.message : String(error));
}

export function loading(what) {
  return el('div', { class: 'state', 'data-state': 'loading' }, `Loading ${what}…`);
}
