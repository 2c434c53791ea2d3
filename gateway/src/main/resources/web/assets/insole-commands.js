// Commands to a wearer's insoles, for physiotherapists and admins (the API refuses wearers): each
// insole gets a few actions in plain words (PROTOCOL.md §11 says what the firmware does with each)
// and one status line, read out by screen readers, saying what became of the last one.
import { ApiError, send, wearerPath } from './api.js';
import { el } from './dom.js';
import { sideName } from './format.js';

const MIN_RATE_HZ = 1;
const MAX_RATE_HZ = 1000;

/**
 * The one-click actions, one row each with what they do; pausing and resuming share a row. `confirm`
 * asks first, for the one that spoils the data if done at the wrong moment.
 */
const ACTION_ROWS = [
  { actions: [{ cmd: 'rebirth', label: 'Ask it to introduce itself again' }],
    explanation: 'It sends its description (sensor layout, firmware) again, e.g. when the live view shows no foot.' },
  { actions: [{ cmd: 'resend', label: 'Upload its stored log again' }],
    explanation: 'It uploads its memory again from the oldest part not yet confirmed, e.g. when the sync status shows gaps.' },
  { actions: [{ cmd: 'stop', label: 'Pause live streaming' }, { cmd: 'start', label: 'Resume live streaming' }],
    explanation: 'Paused, it sends no live pressure until you resume it.' },
  { actions: [{ cmd: 'tare', label: 'Zero the sensors', confirm: 'Is nobody standing on this insole?', confirmLabel: 'Yes, zero it now' }],
    explanation: 'Stand off the insole first: what it feels now becomes zero.' },
];

/** A panel with every insole of the wearer and its actions; `devices` as GET /api/wearers/{id} lists them. */
export function insoleCommandsPanel(wearerId, devices) {
  const insoles = devices.filter((d) => d.kind === 'insole');
  return el('section', { class: 'panel', id: 'insole-commands' },
    el('h2', {}, 'Send a command to an insole'),
    insoles.length === 0
      ? el('p', { class: 'chart-note' }, 'No insole is paired with this wearer.')
      : el('p', { class: 'chart-note' },
        'A connected insole acts on it within seconds; one that cannot be reached within a minute never gets it.'),
    el('div', { class: 'insole-command-grid' }, insoles.map((insole) => insoleActions(wearerId, insole))));
}

function insoleActions(wearerId, insole) {
  const prefix = `cmd-${insole.id}`;
  const name = insole.side ? `${sideName(insole.side)} insole` : 'Insole';
  const status = el('p', { class: 'command-outcome', id: `${prefix}-outcome`, role: 'status', 'aria-live': 'polite' });
  const sendCommand = (button, action, body) => deliver(wearerId, insole, button, action, body, status);
  return el('section', { class: 'insole-commands', 'data-device': insole.id, 'aria-labelledby': `${prefix}-title` },
    el('h3', { id: `${prefix}-title`, class: insole.side ? 'side-' + insole.side : '' }, name, ' ', el('small', {}, insole.id)),
    el('ul', { class: 'command-list' },
      ACTION_ROWS.map((row) => actionRow(prefix, name, row, sendCommand)),
      rateItem(prefix, name, sendCommand, status)),
    status);
}

function actionRow(prefix, insoleName, row, sendCommand) {
  const whyId = `${prefix}-${row.actions[0].cmd}-why`;
  const buttons = row.actions.map((action) => actionButton(prefix, insoleName, action, whyId, sendCommand));
  return el('li', {}, el('span', { class: 'command-buttons' }, buttons.map((b) => b.button)),
    el('small', { id: whyId }, row.explanation), buttons.map((b) => b.question));
}

/** The button of one action and, for an action that asks first, its question (hidden until clicked). */
function actionButton(prefix, insoleName, action, whyId, sendCommand) {
  const button = el('button', { type: 'button', id: `${prefix}-${action.cmd}`, 'data-cmd': action.cmd, 'aria-describedby': whyId },
    action.label);
  if (!action.confirm) {
    button.addEventListener('click', () => sendCommand(button, action, { cmd: action.cmd }));
    return { button, question: null };
  }
  const yes = el('button', { type: 'button', class: 'primary', 'data-confirm': action.cmd }, action.confirmLabel);
  const no = el('button', { type: 'button' }, 'Cancel');
  const question = el('div', { class: 'command-confirm hidden', role: 'group', 'aria-label': `${action.label}: ${insoleName}` },
    el('span', {}, action.confirm), yes, no);
  const close = () => {
    question.classList.add('hidden');
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  };
  button.setAttribute('aria-expanded', 'false');
  button.addEventListener('click', () => {
    question.classList.remove('hidden');
    button.setAttribute('aria-expanded', 'true');
    yes.focus();
  });
  no.addEventListener('click', close);
  yes.addEventListener('click', async () => {
    await sendCommand(yes, action, { cmd: action.cmd });
    close();
  });
  return { button, question };
}

function rateItem(prefix, insoleName, sendCommand, status) {
  const id = `${prefix}-set_rate`;
  const input = el('input', { type: 'number', id: `${id}-hz`, min: MIN_RATE_HZ, max: MAX_RATE_HZ, step: 1, inputmode: 'numeric',
    placeholder: '100', class: 'rate-input', 'aria-describedby': `${id}-why` });
  const action = { cmd: 'set_rate', label: 'Set the sampling rate' };
  const button = el('button', { type: 'submit', id, 'data-cmd': 'set_rate' }, action.label);
  const form = el('form', { class: 'rate-form', novalidate: true },
    el('label', { for: input.id }, `Sampling rate of the ${insoleName.toLowerCase()}`),
    el('span', { class: 'rate-row' }, input, el('span', { 'aria-hidden': 'true' }, 'Hz'), button));
  input.addEventListener('input', () => input.removeAttribute('aria-invalid'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    const rateHz = Number(text);
    const valid = /^\d+$/.test(text) && rateHz >= MIN_RATE_HZ && rateHz <= MAX_RATE_HZ;
    if (!valid) {
      input.setAttribute('aria-invalid', 'true');
      report(status, 'invalid', 'Not sent', `the sampling rate is a whole number from ${MIN_RATE_HZ} to ${MAX_RATE_HZ} Hz.`);
      input.focus();
      return;
    }
    sendCommand(button, { ...action, label: `${action.label} to ${rateHz} Hz` }, { cmd: 'set_rate', rateHz });
  });
  return el('li', {}, form,
    el('small', { id: `${id}-why` }, `Measurements per second, ${MIN_RATE_HZ}–${MAX_RATE_HZ}; more gives finer detail and uses more battery.`));
}

/** Sends one command with the clicked button disabled until the API answers, then says what happened. */
async function deliver(wearerId, insole, button, action, body, status) {
  button.disabled = true;
  report(status, 'sending', 'Sending', `${action.label}…`);
  try {
    const sent = await send('POST', wearerPath(wearerId, `devices/${encodeURIComponent(insole.id)}/commands`), body);
    if (sent && sent.delivery === 'routed') {
      report(status, 'routed', 'Sent through the cluster', `${action.label}: the gateway the insole is connected to passes it on.`);
    } else {
      report(status, 'sent', 'Sent', `${action.label}.`);
    }
  } catch (error) {
    if (error instanceof ApiError && error.code === 'device_offline') {
      report(status, 'offline', 'The insole is not connected', 'try again once it is (see "Last seen" in the sync status).');
    } else if (error instanceof ApiError && error.code === 'csrf') {
      report(status, 'error', 'Not sent', 'your session has changed; reload the page and try again.');
    } else if (error instanceof ApiError) {
      report(status, 'error', 'Not sent', error.message);
    } else {
      report(status, 'error', 'Not sent', `the gateway could not be reached (${error.message || error}).`);
    }
  } finally {
    button.disabled = false;
  }
}

/**
 * One outcome in the status line. The time makes every outcome new text, so a screen reader reads
 * out the second "Sent" too.
 */
function report(status, outcome, headline, detail) {
  status.dataset.outcome = outcome;
  status.className = 'command-outcome ' + outcome;
  status.replaceChildren(el('strong', {}, headline), ` – ${detail} `,
    el('small', {}, new Date().toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })));
}
