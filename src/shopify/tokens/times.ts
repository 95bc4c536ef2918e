import * as l10n from '../common/text';
import { wallClock } from './calendar';
import type { TimeView } from './report';

// Date's own range: ±8.64e15 ms.
const MAX_EPOCH_SECONDS = 8.64e12;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function ymdhms(d: Date, utc: boolean): string {
  const year = utc ? d.getUTCFullYear() : d.getFullYear();
  const parts = utc
    ? [d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    : [d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
  const [mo, da, h, mi, s] = parts.map((n) => pad(n));
  return `${year < 0 ? '-' : ''}${pad(Math.abs(year), 4)}-${mo}-${da} ${h}:${mi}:${s}`;
}

export function formatUtc(d: Date): string {
  const ms = d.getTime();
  return `${Number.isNaN(ms) ? ymdhms(d, true) : wallClock(ms)} UTC`;
}

/** Local wall-clock time with its offset spelled out, so it is unambiguous when pasted into a chat. */
export function formatLocal(d: Date): string {
  const offsetMinutes = -d.getTimezoneOffset();
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  // Local time is UTC shifted by the offset, when the offset is whole minutes. getTimezoneOffset drops the seconds of
  // a local mean time (Amsterdam's +00:19:32 until 1937), which the local seconds then give away.
  const ms = d.getTime();
  const wholeMinutes = Number.isInteger(offsetMinutes) && d.getSeconds() === (((Math.floor(ms / 1000) % 60) + 60) % 60);
  const wall = wholeMinutes ? wallClock(ms + offsetMinutes * 60_000) : ymdhms(d, false);
  if (offsetMinutes !== lastOffset) {
    lastOffsetText = ` UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
    lastOffset = offsetMinutes;
  }
  return wall + lastOffsetText;
}

// The " UTC+hh:mm" of the last offset seen: every time in a report, and most reports, share one.
let lastOffset = Number.NaN;
let lastOffsetText = '';

/** A duration in the unit a person would use: "45 s", "3 min", "5 h", "12 days". */
export function formatDuration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 120) return l10n.t('{0} s', Math.round(s));
  if (s < 120 * 60) return l10n.t('{0} min', Math.round(s / 60));
  if (s < 48 * 3600) return l10n.t('{0} h', Math.round(s / 3600));
  if (s < 730 * 86400) return l10n.t('{0} days', Math.round(s / 86400));
  return l10n.t('{0} years', Math.round(s / (365.25 * 86400)));
}

/** "in 45 s" / "3 min ago", or relative to an as-of time when the report is not about now. */
export function formatRelative(epochSeconds: number, asOfSeconds: number, asOfIsNow: boolean): string {
  const delta = epochSeconds - asOfSeconds;
  if (delta === 0) return asOfIsNow ? l10n.t('now') : l10n.t('at the as-of time');
  const span = formatDuration(delta);
  if (asOfIsNow) return delta > 0 ? l10n.t('in {0}', span) : l10n.t('{0} ago', span);
  return delta > 0 ? l10n.t('{0} after the as-of time', span) : l10n.t('{0} before the as-of time', span);
}

/** The UTC and local texts of an as-of time. */
export interface AsOfTexts {
  readonly utc: string;
  readonly local: string;
}

// The as-of time is usually "now": every report made within one second shows the same two texts, kept here with the
// zone offset they were made under (a change of time zone, or a DST change, makes them again).
let asOfSecond = Number.NaN;
let asOfOffset = Number.NaN;
let asOfKept: AsOfTexts = { utc: '', local: '' };

/** formatUtc and formatLocal of the as-of time, which must be inside Date's range. */
export function asOfTexts(epochSeconds: number): AsOfTexts {
  const d = dateAt(epochSeconds);
  // The second of the milliseconds Date kept (what the texts show), not of the number given: Date truncates toward zero,
  // so -0.0004 s is 1970-01-01 00:00:00, where Math.floor would say -1.
  const second = Math.floor(d.getTime() / 1000);
  const offset = d.getTimezoneOffset();
  if (second !== asOfSecond || !Object.is(offset, asOfOffset)) {
    asOfKept = Object.freeze({ utc: formatUtc(d), local: formatLocal(d) });
    asOfSecond = second;
    asOfOffset = offset;
  }
  return asOfKept;
}

const scratch = new Date(0);

/** A Date at the given second, shared: valid only until the next dateAt or timeView call. */
export function dateAt(epochSeconds: number): Date {
  scratch.setTime(epochSeconds * 1000);
  return scratch;
}

/** The three forms of a NumericDate, or undefined when it is not a time Date can hold. */
export function timeView(epochSeconds: unknown, asOfSeconds: number, asOfIsNow: boolean, same?: TimeView): TimeView | undefined {
  if (typeof epochSeconds !== 'number' || !Number.isFinite(epochSeconds) || Math.abs(epochSeconds) > MAX_EPOCH_SECONDS) {
    return undefined;
  }
  // nbf and iat are usually the same second: the texts of a view already made for it are shared, not formatted again.
  if (same !== undefined && Object.is(same.epochSeconds, epochSeconds)) {
    return { epochSeconds, utc: same.utc, local: same.local, relative: same.relative };
  }
  // One Date, reset for each time: setTime clips the value exactly as the constructor does.
  const d = dateAt(epochSeconds);
  return {
    epochSeconds,
    utc: formatUtc(d),
    local: formatLocal(d),
    relative: formatRelative(epochSeconds, asOfSeconds, asOfIsNow),
  };
}

/**
 * The "as of" option: a Date, or a number of seconds since the epoch (like exp). Numbers above 1e11 can only be
 * milliseconds (1e11 seconds is the year 5138), so they are read as such.
 */
export function toEpochSeconds(at: Date | number, what: string): number {
  const seconds = at instanceof Date ? at.getTime() / 1000 : at > 1e11 || at < -1e11 ? at / 1000 : at;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || Math.abs(seconds) > MAX_EPOCH_SECONDS) {
    throw new RangeError(`${what} is not a valid time.`);
  }
  return seconds;
}
