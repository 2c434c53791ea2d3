// Numbers, units and times as a clinician reads them.

const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** A number with a fixed number of decimals, or an en dash when there is none. */
export function num(value, decimals = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  return Number(value).toLocaleString(undefined, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Decimals that suit a unit: percentages and kPa whole-ish, seconds to hundredths. */
export function decimalsFor(unit) {
  if (!unit) return 2;
  if (/^s$|seconds?/.test(unit)) return 3;
  if (/%|kPa|steps|N\b|mm/.test(unit)) return 1;
  return 2;
}

export function withUnit(value, unit, decimals = decimalsFor(unit)) {
  return value === null || value === undefined ? '–' : `${num(value, decimals)} ${unit}`;
}

export function when(iso) {
  return iso ? dateTime.format(new Date(iso)) : '–';
}

export function day(isoOrDate) {
  if (!isoOrDate) return '–';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDate) ? new Date(isoOrDate + 'T00:00:00Z') : new Date(isoOrDate);
  return dateOnly.format(d);
}

/** "3 min ago", "2 days ago": how fresh something is. */
export function ago(iso, now = Date.now()) {
  if (!iso) return 'never';
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} days ago`;
}

/** YYYY-MM-DD of a Date in UTC (the API's date parameters mean 00:00Z). */
export function isoDate(date) {
  return date.toISOString().slice(0, 10);
}

export function sideName(side) {
  return side === 'L' ? 'Left' : side === 'R' ? 'Right' : '–';
}

/** A shoe size as stored ("42" or "EU 42", "UK 8"): a bare number is an EU size. */
export function shoeSize(size) {
  if (size === null || size === undefined || size === '') return null;
  return /^\d+(\.\d+)?$/.test(String(size)) ? `EU ${size}` : String(size);
}
