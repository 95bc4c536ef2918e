/**
 * "YYYY-MM-DD hh:mm:ss" for a time in milliseconds, by arithmetic instead of six Date getter calls: a report formats
 * eight times per token. Same text as Date's UTC getters give for any time Date can hold (test/unit/tokens/calendar.test.ts).
 */

const MS_PER_DAY = 86_400_000;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
/** Two digits for the whole numbers 0 to 99, without building a string to pad. */
const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The Gregorian date of a day count from 1970-01-01 (Howard Hinnant's civil_from_days), as [year, month 1-12, day]. */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** `ms` must be a whole number of milliseconds inside Date's range (a Date's getTime()). */
export function wallClock(ms: number): string {
  const days = Math.floor(ms / MS_PER_DAY);
  const inDay = ms - days * MS_PER_DAY;
  const [year, month, day] = civilFromDays(days);
  const seconds = Math.floor(inDay / 1000);
  const h = Math.floor(seconds / 3600);
  const mi = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${year < 0 ? '-' : ''}${pad(Math.abs(year), 4)}-${two(month)}-${two(day)} ${two(h)}:${two(mi)}:${two(s)}`;
}
