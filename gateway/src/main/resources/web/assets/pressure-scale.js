// The pressure colour scale of the live view, in kPa, and its legend. Fixed (not rescaled per
// frame) so that the same colour always means the same pressure.
import { el } from './dom.js';

export const MAX_KPA = 400;
const STOPS = [
  [0, [238, 241, 245]],
  [15, [44, 123, 182]],
  [100, [0, 166, 202]],
  [170, [144, 235, 157]],
  [240, [255, 255, 140]],
  [310, [249, 160, 60]],
  [400, [215, 25, 28]],
];

/** The colour of a pressure, as rgb(); values past the scale take its end colours. */
export function pressureColour(kpa) {
  const v = Math.max(0, Math.min(MAX_KPA, kpa || 0));
  for (let i = 1; i < STOPS.length; i++) {
    const [hiKpa, hi] = STOPS[i];
    if (v <= hiKpa) {
      const [loKpa, lo] = STOPS[i - 1];
      const t = (v - loKpa) / (hiKpa - loKpa);
      return `rgb(${lo.map((c, k) => Math.round(c + (hi[k] - c) * t)).join(',')})`;
    }
  }
  return `rgb(${STOPS[STOPS.length - 1][1].join(',')})`;
}

/** A horizontal legend: the ramp with its ends and middle in kPa. */
export function pressureLegend() {
  const gradient = STOPS.map(([kpa, rgb]) => `rgb(${rgb.join(',')}) ${(100 * kpa) / MAX_KPA}%`).join(', ');
  return el('div', { class: 'legend-scale', id: 'pressure-legend' },
    el('span', {}, '0 kPa'),
    el('span', { class: 'ramp', style: `background: linear-gradient(to right, ${gradient})` }),
    el('span', {}, `${MAX_KPA}+ kPa`),
    el('span', {}, '(pressure under each sensor)'));
}
