/** The arithmetic calendar against Date's own getters, over the whole range Date can hold and in several time zones. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { wallClock } from '../../../src/shopify/tokens/calendar';
import { formatLocal, formatUtc } from '../../../src/shopify/tokens/times';
import { seededRandom } from './mutations';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const byGetters = (d: Date, utc: boolean): string => {
  const year = utc ? d.getUTCFullYear() : d.getFullYear();
  const f = utc
    ? [d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    : [d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
  return `${year < 0 ? '-' : ''}${pad(Math.abs(year), 4)}-${pad(f[0] ?? 0)}-${pad(f[1] ?? 0)} ${pad(f[2] ?? 0)}:${pad(f[3] ?? 0)}:${pad(f[4] ?? 0)}`;
};

/** Whole milliseconds: edges of Date's range, of days, years and eras, and seeded random ones across the range. */
function times(): number[] {
  const random = seededRandom(1970);
  const edges = [0, -1, 1, 999, -999, -1000, 86_399_999, -86_400_000, 951_782_400_000, 4_107_542_400_000, -62_135_596_800_000, -62_198_755_200_000, 8.64e15, -8.64e15, 253_402_300_799_999];
  const spread = Array.from({ length: 20_000 }, () => Math.round((random() * 2 - 1) * 8.64e15));
  const near = Array.from({ length: 20_000 }, () => Math.round((random() * 2 - 1) * 4e12));
  return [...edges, ...spread, ...near];
}

describe('wallClock', () => {
  it("writes what Date's UTC getters read, over Date's whole range", () => {
    for (const ms of times()) assert.equal(wallClock(ms), byGetters(new Date(ms), true), `at ${ms} ms`);
  });

  const zone = process.env['TZ'];
  after(() => {
    if (zone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zone;
  });
  for (const tz of ['UTC', 'America/St_Johns', 'Asia/Kathmandu', 'Europe/Amsterdam', 'Pacific/Chatham', 'America/Sao_Paulo']) {
    it(`formatUtc and formatLocal keep their text in ${tz}`, () => {
      process.env['TZ'] = tz;
      for (const ms of times().slice(0, 6000)) {
        const d = new Date(ms);
        assert.equal(formatUtc(d), `${byGetters(d, true)} UTC`, `UTC at ${ms} ms`);
        const offset = -d.getTimezoneOffset();
        const abs = Math.abs(offset);
        assert.equal(formatLocal(d), `${byGetters(d, false)} UTC${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`, `local at ${ms} ms`);
      }
    });
  }
});
