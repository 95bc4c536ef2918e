/**
 * How a report writes times: the unit a duration is given in and where it changes, "in …" / "… ago" against now or
 * an as-of time, which times have a view at all, and how the "as of" option is read.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { asOfTexts, dateAt, formatDuration, formatLocal, formatRelative, formatUtc, timeView, toEpochSeconds } from '../../../src/shopify/tokens/times';

describe('formatDuration', () => {
  it('changes unit at 2 minutes, 2 hours, 2 days and 2 years, rounding within each', () => {
    const cases: [number, string][] = [
      [0, '0 s'],
      [45, '45 s'],
      [119.4, '119 s'],
      [119.6, '120 s'],
      [120, '2 min'],
      [149, '2 min'],
      [150, '3 min'],
      [7199, '120 min'],
      [7200, '2 h'],
      [48 * 3600 - 1, '48 h'],
      [48 * 3600, '2 days'],
      [730 * 86400 - 1, '730 days'],
      [730 * 86400, '2 years'],
      [10 * 365.25 * 86400, '10 years'],
    ];
    for (const [seconds, text] of cases) assert.equal(formatDuration(seconds), text, `${seconds} s`);
  });

  it('gives a past span without its sign', () => {
    assert.equal(formatDuration(-45), '45 s');
    assert.equal(formatDuration(-7200), '2 h');
    assert.equal(formatDuration(-730 * 86400), '2 years');
  });
});

describe('formatRelative', () => {
  it('against now: "now", "in …", "… ago"', () => {
    assert.equal(formatRelative(1000, 1000, true), 'now');
    assert.equal(formatRelative(1045, 1000, true), 'in 45 s');
    assert.equal(formatRelative(820, 1000, true), '3 min ago');
    assert.equal(formatRelative(1001, 1000, true), 'in 1 s');
    assert.equal(formatRelative(999, 1000, true), '1 s ago');
  });

  it('against an as-of time: "at", "after", "before" it', () => {
    assert.equal(formatRelative(1000, 1000, false), 'at the as-of time');
    assert.equal(formatRelative(1045, 1000, false), '45 s after the as-of time');
    assert.equal(formatRelative(955, 1000, false), '45 s before the as-of time');
  });
});

describe('timeView', () => {
  const T = 1_736_942_400; // 2025-01-15 12:00:00 UTC

  it('gives the UTC, local and relative forms of a time', () => {
    const view = timeView(T + 300, T, true);
    assert.ok(view);
    assert.equal(view.epochSeconds, T + 300);
    assert.equal(view.utc, '2025-01-15 12:05:00 UTC');
    assert.equal(view.local, formatLocal(new Date((T + 300) * 1000)));
    assert.equal(view.relative, 'in 5 min');
    assert.equal(timeView(T - 300, T, false)?.relative, '5 min before the as-of time');
  });

  it('has none for what is not a number or beyond the range of Date, and one up to its very edges', () => {
    for (const value of ['1736942400', null, undefined, true, Number.NaN, Infinity, -Infinity, 8.64e12 + 1, -8.64e12 - 1, 1e300]) {
      assert.equal(timeView(value, T, true), undefined, String(value));
    }
    assert.equal(timeView(8.64e12, T, true)?.utc, '275760-09-13 00:00:00 UTC');
    assert.equal(timeView(-8.64e12, T, true)?.utc, '-271821-04-20 00:00:00 UTC');
    assert.equal(timeView(0, T, true)?.utc, '1970-01-01 00:00:00 UTC');
  });

  it('shares the texts of a view of the same second only', () => {
    const exp = timeView(T + 300, T, true);
    assert.ok(exp);
    const same = timeView(T + 300, T, true, exp);
    assert.deepEqual(same, exp);
    const other = timeView(T - 60, T, true, exp);
    assert.equal(other?.utc, '2025-01-15 11:59:00 UTC');
    assert.equal(other?.relative, '60 s ago');
    // A view handed in is read, not recomputed: the same second takes its texts as they are.
    const marked = { ...exp, utc: 'given', local: 'given too', relative: 'as given' };
    assert.deepEqual(timeView(T + 300, T, true, marked), { epochSeconds: T + 300, utc: 'given', local: 'given too', relative: 'as given' });
  });
});

describe('formatUtc and formatLocal', () => {
  const zone = process.env['TZ'];
  after(() => {
    if (zone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zone;
  });

  it('write an invalid date as such, not as a time', () => {
    // Every field NaN: nothing that could be read as a real time (no report formats such a date; this is the fallback).
    assert.match(formatUtc(new Date(Number.NaN)), /^0?NaN-NaN-NaN NaN:NaN:NaN UTC$/);
  });

  it('spell out the offset, east and west, in whole minutes', () => {
    const at = new Date('2025-01-15T12:00:00Z');
    process.env['TZ'] = 'Asia/Kolkata';
    assert.equal(formatLocal(at), '2025-01-15 17:30:00 UTC+05:30');
    process.env['TZ'] = 'America/St_Johns';
    assert.equal(formatLocal(at), '2025-01-15 08:30:00 UTC-03:30');
    process.env['TZ'] = 'UTC';
    assert.equal(formatLocal(at), '2025-01-15 12:00:00 UTC+00:00');
    process.env['TZ'] = 'America/St_Johns';
    assert.equal(formatLocal(new Date('2025-07-15T12:00:00Z')), '2025-07-15 09:30:00 UTC-02:30');
  });

  it('a local mean time with seconds in its offset (Amsterdam, +00:17:30 in 1800) reads the local clock', () => {
    process.env['TZ'] = 'Europe/Amsterdam';
    // getTimezoneOffset says 17 minutes; the local clock is 17 min 30 s ahead.
    assert.equal(formatLocal(new Date('1800-06-01T12:00:00Z')), '1800-06-01 12:17:30 UTC+00:17');
    assert.equal(formatLocal(new Date('-000100-06-01T12:00:00Z')), '-0100-06-01 12:17:30 UTC+00:17');
  });
});

describe('asOfTexts (kept for the second they were made for)', () => {
  const zone = process.env['TZ'];
  after(() => {
    if (zone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zone;
  });
  const fresh = (seconds: number) => {
    const d = new Date(Math.floor(seconds * 1000));
    return { utc: formatUtc(d), local: formatLocal(d) };
  };

  it('are formatUtc and formatLocal of the time, within one second and across seconds', () => {
    process.env['TZ'] = 'UTC';
    for (const t of [1_736_942_400.001, 1_736_942_400.999, 1_736_942_401, 1_736_942_400.5, -0.5, -1, 0]) {
      assert.deepEqual({ ...asOfTexts(t) }, fresh(t), String(t));
    }
  });

  it('are made again when the time zone changes within the same second', () => {
    process.env['TZ'] = 'Asia/Kolkata';
    assert.equal(asOfTexts(1_736_942_400.2).local, '2025-01-15 17:30:00 UTC+05:30');
    process.env['TZ'] = 'America/St_Johns';
    assert.equal(asOfTexts(1_736_942_400.3).local, '2025-01-15 08:30:00 UTC-03:30');
    process.env['TZ'] = 'UTC';
    assert.equal(asOfTexts(1_736_942_400.4).local, '2025-01-15 12:00:00 UTC+00:00');
  });

  it('name the second Date keeps, which truncates milliseconds toward zero', () => {
    process.env['TZ'] = 'UTC';
    // -0.9 s is 1969-12-31 23:59:59; -0.0004 s is -0.4 ms, which Date keeps as 0 ms: 1970-01-01 00:00:00.
    assert.equal(asOfTexts(-0.9).utc, '1969-12-31 23:59:59 UTC');
    assert.equal(asOfTexts(-0.0004).utc, '1970-01-01 00:00:00 UTC');
    assert.equal(asOfTexts(-1.5).utc, '1969-12-31 23:59:58 UTC');
    for (const t of [4.35, 1.001, 0.29, 1_736_942_399.9999, 1_736_942_400]) {
      assert.deepEqual({ ...asOfTexts(t) }, { utc: formatUtc(dateAt(t)), local: formatLocal(dateAt(t)) }, String(t));
    }
  });
});

describe('dateAt', () => {
  it('is the Date of that second', () => {
    assert.equal(dateAt(1_736_942_400).toISOString(), '2025-01-15T12:00:00.000Z');
    assert.equal(dateAt(-1).toISOString(), '1969-12-31T23:59:59.000Z');
  });
});

describe('toEpochSeconds (the "as of" option)', () => {
  it('reads a Date, seconds, and numbers past 1e11 as milliseconds', () => {
    assert.equal(toEpochSeconds(new Date('2025-01-15T12:00:00.500Z'), 'at'), 1_736_942_400.5);
    assert.equal(toEpochSeconds(1_736_942_400, 'at'), 1_736_942_400);
    assert.equal(toEpochSeconds(1e11, 'at'), 1e11);
    assert.equal(toEpochSeconds(1e11 + 1000, 'at'), 1e8 + 1);
    assert.equal(toEpochSeconds(-1e11, 'at'), -1e11);
    assert.equal(toEpochSeconds(-1e11 - 1000, 'at'), -1e8 - 1);
    assert.equal(toEpochSeconds(1_736_942_400_000, 'at'), 1_736_942_400);
    assert.equal(toEpochSeconds(8.64e15, 'at'), 8.64e12);
  });

  it('refuses what is no time, naming the option', () => {
    for (const bad of [Number.NaN, Infinity, -Infinity, 8.64e15 + 1000, -8.64e15 - 1000, new Date(Number.NaN)]) {
      assert.throws(() => toEpochSeconds(bad, 'options.at'), { name: 'RangeError', message: 'options.at is not a valid time.' }, String(bad));
    }
    assert.throws(() => toEpochSeconds('soon' as unknown as number, 'options.at'), { name: 'RangeError', message: 'options.at is not a valid time.' });
  });
});
