// Draws media/icon.png (128x128, the Marketplace icon): a shopping bag with a keyhole on Shopify green.
// No dependencies: shapes are tested per pixel with 4x4 supersampling and written as a PNG with zlib.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const GREEN = [0x5e, 0x8e, 0x3e];
const WHITE = [0xff, 0xff, 0xff];
const DARK = [0x00, 0x4c, 0x3f];

const inRoundedSquare = (x, y, r) => {
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
// The bag: a trapezoid, wider at the bottom, with a ring handle above it.
const inBag = (x, y) => y >= 46 && y <= 106 && x >= 32 - (y - 46) * 0.08 && x <= 96 + (y - 46) * 0.08;
const inHandle = (x, y) => {
  const d = Math.hypot(x - 64, y - 46);
  return y <= 48 && d >= 12 && d <= 19;
};
const inKeyhole = (x, y) => Math.hypot(x - 64, y - 70) <= 8 || (y >= 70 && y <= 92 && Math.abs(x - 64) <= 3.5 + (y - 70) * 0.12);

function colourAt(x, y) {
  if (!inRoundedSquare(x, y, 26)) return undefined;
  if (inKeyhole(x, y) && inBag(x, y)) return DARK;
  if (inBag(x, y) || inHandle(x, y)) return WHITE;
  return GREEN;
}

const rows = [];
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4);
  for (let px = 0; px < SIZE; px++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < 4; sy++)
      for (let sx = 0; sx < 4; sx++) {
        const c = colourAt(px + (sx + 0.5) / 4, py + (sy + 0.5) / 4);
        if (!c) continue;
        sum[0] += c[0];
        sum[1] += c[1];
        sum[2] += c[2];
        sum[3] += 255;
      }
    const covered = sum[3] / 255;
    const o = 1 + px * 4;
    for (let i = 0; i < 3; i++) row[o + i] = covered ? Math.round(sum[i] / covered) : 0;
    row[o + 3] = Math.round(sum[3] / 16);
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../media/icon.png', import.meta.url), png);
console.log(`media/icon.png: ${png.length} bytes`);
