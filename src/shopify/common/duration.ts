import * as l10n from './text';
/** "1 h 5 min", "3 min", "40 s": how long until (or since) something, for messages. */
export function formatDuration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return l10n.t('{0} s', s);
  const m = Math.round(s / 60);
  if (m < 60) return l10n.t('{0} min', m);
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest === 0 ? l10n.t('{0} h', h) : l10n.t('{0} h {1} min', h, rest);
}

/** "14:05 UTC" for today, "2026-11-23 14:05 UTC" otherwise. */
export function formatUtc(epochMs: number, now: number = Date.now()): string {
  const iso = new Date(epochMs).toISOString();
  const sameDay = iso.slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  return `${sameDay ? '' : `${iso.slice(0, 10)} `}${iso.slice(11, 16)} UTC`;
}
