/**
 * Draws the app icon (build/icon.png, 512x512) with plain pixel arithmetic and node:zlib: a dark blue
 * rounded square holding a white page with three rating bars (red, amber, green) and text lines.
 * electron-builder makes the Windows .ico and macOS .icns from it. Run: node scripts/make-icon.mjs
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 512;
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Inside a rounded rectangle (x0,y0)-(x1,y1) with corner radius r. */
function inRounded(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
  const cx = x < x0 + r ? x0 + r : x >= x1 - r ? x1 - r - 1 : x;
  const cy = y < y0 + r ? y0 + r : y >= y1 - r ? y1 - r - 1 : y;
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

const shapes = [
  { rect: [16, 16, 496, 496, 96], rgb: [0x1d, 0x3a, 0x5f] },
  { rect: [112, 80, 400, 432, 24], rgb: [0xff, 0xff, 0xff] },
  { rect: [152, 136, 216, 176, 8], rgb: [0xc0, 0x1f, 0x2f] },
  { rect: [232, 136, 360, 152, 6], rgb: [0x9a, 0xa5, 0xb1] },
  { rect: [152, 216, 216, 256, 8], rgb: [0xe8, 0x9b, 0x0c] },
  { rect: [232, 216, 360, 232, 6], rgb: [0x9a, 0xa5, 0xb1] },
  { rect: [152, 296, 216, 336, 8], rgb: [0x1e, 0x8a, 0x44] },
  { rect: [232, 296, 360, 312, 6], rgb: [0x9a, 0xa5, 0xb1] },
  { rect: [152, 368, 360, 384, 6], rgb: [0x9a, 0xa5, 0xb1] },
];

export function iconPng() {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y += 1) {
    const row = y * (SIZE * 4 + 1);
    raw[row] = 0;
    for (let x = 0; x < SIZE; x += 1) {
      let px = [0, 0, 0, 0];
      for (const { rect, rgb } of shapes) if (inRounded(x, y, ...rect)) px = [...rgb, 255];
      raw.set(px, row + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.join(root, 'build', 'icon.png');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, iconPng());
  console.log(`Wrote ${path.relative(root, out)}`);
}
