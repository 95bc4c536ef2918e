/**
 * "YYYY-MM-DD hh:mm:ss" for a time in milliseconds, by arithmetic instead of six Date getter calls: a report formats
 * eight times per token. Same text as Date's UTC getters give for any time Date can hold (test/unit/tokens/calendar.test.ts).
 */

const MS_PER_DAY = 86_400_000;

/** "00" to "99", made once: the two-digit fields are looked up, not built, for every time formatted. */
const TWO = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : String(n)));
const two = (n: number): string => TWO[n] ?? String(n);

/** The "YYYY-MM-DD" of a day count from 1970-01-01 (Howard Hinnant's civil_from_days). */
function dayText(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const yyyy = year >= 1000 && year <= 9999 ? String(year) : `${year < 0 ? '-' : ''}${String(Math.abs(year)).padStart(4, '0')}`;
  return `${yyyy}-${two(month)}-${two(day)}`;
}

// The times in one report (as-of, exp, nbf, iat) nearly always fall on the same day, and so do the next reports':
// the last day's text is kept (only a date).
let lastDay = Number.NaN;
let lastDayText = '';

// The last text made: in UTC, a time's local text repeats its UTC text, asked for right after it.
let lastMs = Number.NaN;
let lastText = '';

/** `ms` must be a whole number of milliseconds inside Date's range (a Date's getTime()). */
export function wallClock(ms: number): string {
  if (ms === lastMs) return lastText;
  lastText = clockText(ms);
  lastMs = ms;
  return lastText;
}

function clockText(ms: number): string {
  const days = Math.floor(ms / MS_PER_DAY);
  if (days !== lastDay) {
    lastDayText = dayText(days);
    lastDay = days;
  }
  const seconds = Math.floor((ms - days * MS_PER_DAY) / 1000);
  return `${lastDayText} ${two(Math.floor(seconds / 3600))}:${two(Math.floor((seconds % 3600) / 60))}:${two(seconds % 60)}`;
}
