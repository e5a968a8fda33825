/**
 * Draws the toolbar icon (a magnifying lens over a highlighted line of text) at
 * every size the manifest uses, straight to PNG, so the icon is reproducible
 * without an image editor: `npx tsx scripts/make-icons.ts`.
 * Shapes are rendered by signed distance with 4×4 supersampling; at 16 px the
 * lens ring and handle are kept at least 2 px wide so they stay legible.
 * The 128 px icon is the one the Chrome Web Store shows: its glyph is 96 px with 16 px of transparent
 * padding on each side, as the store asks (developer.chrome.com/docs/webstore/images, "Extension icon");
 * the smaller ones are drawn edge to edge, as toolbar and menu icons are.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { encodePng } from './release/png';

type Rgba = [number, number, number, number];

const BACKGROUND: Rgba = [16, 62, 140, 255];
const HIGHLIGHT: Rgba = [255, 196, 0, 255];
const LENS_RING: Rgba = [255, 255, 255, 255];
const LENS_GLASS: Rgba = [120, 170, 235, 255];
const SIZES = [16, 32, 48, 96, 128];
/** Transparent padding per side, in pixels, by icon size (sizes not listed have none). */
const ICON_PADDING: Record<number, number> = { 128: 16 };
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
  const pad = ICON_PADDING[size] ?? 0;
  const glyph = size - 2 * pad;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(size * 4);
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const u = (x - pad + (sx + 0.5) / SUPERSAMPLE) / glyph;
          const v = (y - pad + (sy + 0.5) / SUPERSAMPLE) / glyph;
          const c = shade(u, v, glyph);
          if (!c) continue;
          for (let i = 0; i < 3; i++) sum[i] += c[i] * c[3];
          sum[3] += c[3];
        }
      }
      const n = SUPERSAMPLE * SUPERSAMPLE;
      const alpha = sum[3] / n;
      for (let i = 0; i < 3; i++) row[x * 4 + i] = alpha ? Math.round(sum[i] / sum[3]) : 0;
      row[x * 4 + 3] = Math.round(alpha);
    }
    rows.push(row);
  }
  return encodePng({ width: size, height: size, channels: 4, pixels: Buffer.concat(rows) });
}

const outDir = path.resolve(import.meta.dirname, '../public/icon');
mkdirSync(outDir, { recursive: true });
for (const size of SIZES) writeFileSync(path.join(outDir, `${size}.png`), render(size));
console.log(`wrote ${SIZES.map((s) => `${s}.png`).join(', ')} to ${outDir}`);
