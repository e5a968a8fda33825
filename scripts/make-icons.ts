/**
 * Draws the toolbar icon (a magnifying lens over a highlighted line of text) at
 * every size the manifest uses, straight to PNG, so the icon is reproducible
 * without an image editor: `npx tsx scripts/make-icons.ts`.
 * Shapes are rendered by signed distance with 4×4 supersampling; at 16 px the
 * lens ring and handle are kept at least 2 px wide so they stay legible.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import path from 'node:path';

type Rgba = [number, number, number, number];

const BACKGROUND: Rgba = [16, 62, 140, 255];
const HIGHLIGHT: Rgba = [255, 196, 0, 255];
const LENS_RING: Rgba = [255, 255, 255, 255];
const LENS_GLASS: Rgba = [120, 170, 235, 255];
const SIZES = [16, 32, 48, 96, 128];
const SUPERSAMPLE = 4;

function roundedSquareDistance(x: number, y: number, half: number, radius: number): number {
  const qx = Math.abs(x) - half + radius;
  const qy = Math.abs(y) - half + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

/** Colour at a point of the unit square (0..1), or undefined where transparent. */
function shade(u: number, v: number, size: number): Rgba | undefined {
  const minStroke = 2 / size; // never thinner than 2 device pixels
  if (roundedSquareDistance(u - 0.5, v - 0.5, 0.5, 0.2) > 0) return undefined;
  const lensX = 0.42;
  const lensY = 0.42;
  const lensR = 0.25;
  const ring = Math.max(0.08, minStroke);
  const handle = Math.max(0.11, minStroke * 1.2);
  const fromLens = Math.hypot(u - lensX, v - lensY);
  if (segmentDistance(u, v, 0.6, 0.6, 0.84, 0.84) < handle / 2 + 0.01 && fromLens > lensR) return LENS_RING;
  if (Math.abs(fromLens - lensR) < ring / 2) return LENS_RING;
  if (fromLens < lensR) {
    // A highlighted bar across the lens: the "mention" being looked at.
    if (Math.abs(v - lensY) < Math.max(0.07, minStroke / 2)) return HIGHLIGHT;
    return LENS_GLASS;
  }
  return BACKGROUND;
}

function render(size: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const c = shade((x + (sx + 0.5) / SUPERSAMPLE) / size, (y + (sy + 0.5) / SUPERSAMPLE) / size, size);
          if (!c) continue;
          for (let i = 0; i < 3; i++) sum[i] += c[i] * c[3];
          sum[3] += c[3];
        }
      }
      const n = SUPERSAMPLE * SUPERSAMPLE;
      const alpha = sum[3] / n;
      for (let i = 0; i < 3; i++) row[1 + x * 4 + i] = alpha ? Math.round(sum[i] / sum[3]) : 0;
      row[1 + x * 4 + 3] = Math.round(alpha);
    }
    rows.push(row);
  }
  return encodePng(size, size, Buffer.concat(rows));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(width: number, height: number, filteredRows: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filteredRows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const outDir = path.resolve(import.meta.dirname, '../public/icon');
mkdirSync(outDir, { recursive: true });
for (const size of SIZES) writeFileSync(path.join(outDir, `${size}.png`), render(size));
console.log(`wrote ${SIZES.map((s) => `${s}.png`).join(', ')} to ${outDir}`);
