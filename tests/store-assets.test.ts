import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePng, encodePng, flattenToRgb, readPngHeader, type Image } from '../scripts/release/png';

// What the stores ask for (developer.chrome.com/docs/webstore/images): screenshots 1280×800 (or 640×400),
// a 440×280 small promo tile, both JPEG or 24-bit PNG without alpha; a 128×128 PNG icon whose glyph is
// 96×96 with 16 px of transparent padding on each side. AMO takes the manifest's icons and any screenshot.
const file = (relative: string) => readFileSync(new URL(`../${relative}`, import.meta.url));

const LISTING_IMAGES = [
  { path: 'docs/store-assets/screenshot-1-card.png', width: 1280, height: 800 },
  { path: 'docs/store-assets/screenshot-2-former-name.png', width: 1280, height: 800 },
  { path: 'docs/store-assets/screenshot-3-popup-search.png', width: 1280, height: 800 },
  { path: 'docs/store-assets/screenshot-4-options.png', width: 1280, height: 800 },
  { path: 'docs/store-assets/promo-tile-440x280.png', width: 440, height: 280 },
];
const ICON_SIZES = [16, 32, 48, 96, 128];
const STORE_ICON_PADDING = 16;
/** A real screenshot has text and antialiasing; a blank or failed render has a handful of colours. */
const MIN_DISTINCT_COLOURS = 200;

function distinctColours(image: Image): number {
  const seen = new Set<number>();
  for (let p = 0; p < image.width * image.height; p++) seen.add(image.pixels.readUIntBE(p * image.channels, 3));
  return seen.size;
}

/** The smallest box holding every pixel that is not fully transparent. */
function opaqueBox(image: Image) {
  let [left, top, right, bottom] = [image.width, image.height, -1, -1];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (image.pixels[(y * image.width + x) * 4 + 3] === 0) continue;
      left = Math.min(left, x);
      top = Math.min(top, y);
      right = Math.max(right, x);
      bottom = Math.max(bottom, y);
    }
  }
  return { left, top, right, bottom };
}

describe('store listing images', () => {
  it.each(LISTING_IMAGES)('$path is a $width×$height 24-bit PNG without alpha, with real content', ({ path, width, height }) => {
    const png = file(path);
    expect(readPngHeader(png)).toEqual({ width, height, bitDepth: 8, colourType: 2, interlaced: false });
    expect(distinctColours(decodePng(png))).toBeGreaterThan(MIN_DISTINCT_COLOURS);
  });

  it('there are at least four screenshots', () => {
    expect(LISTING_IMAGES.filter((i) => i.path.includes('screenshot-')).length).toBeGreaterThanOrEqual(4);
  });
});

describe('icons', () => {
  it.each(ICON_SIZES)('public/icon/%i.png is a square RGBA PNG of that size', (size) => {
    expect(readPngHeader(file(`public/icon/${size}.png`))).toEqual({ width: size, height: size, bitDepth: 8, colourType: 6, interlaced: false });
  });

  it('the 128 px icon has a 96 px glyph inside 16 px of transparent padding', () => {
    const box = opaqueBox(decodePng(file('public/icon/128.png')));
    expect(box).toEqual({ left: STORE_ICON_PADDING, top: STORE_ICON_PADDING, right: 127 - STORE_ICON_PADDING, bottom: 127 - STORE_ICON_PADDING });
  });

  it('the toolbar icons are drawn edge to edge', () => {
    for (const size of [16, 32, 48]) expect(opaqueBox(decodePng(file(`public/icon/${size}.png`))), `${size}`).toEqual({ left: 0, top: 0, right: size - 1, bottom: size - 1 });
  });
});

describe('png helpers', () => {
  const rgba: Image = { width: 2, height: 1, channels: 4, pixels: Buffer.from([255, 0, 0, 255, 0, 0, 255, 0]) };

  it('round-trips an image and flattens alpha over white', () => {
    expect(decodePng(encodePng(rgba))).toEqual(rgba);
    expect(flattenToRgb(rgba).pixels).toEqual(Buffer.from([255, 0, 0, 255, 255, 255]));
  });

  it('refuses what is not a PNG', () => {
    expect(() => readPngHeader(Buffer.from('GIF89a not a png at all'))).toThrow(/signature/);
  });
});
