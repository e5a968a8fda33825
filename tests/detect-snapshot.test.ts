/**
 * The detector finds exactly what main's detector found at 1b07e62 on every corpus text, read whole
 * and read chunk by chunk as the page pipeline reads a page (tests/detect-snapshot.ts): changes made
 * for speed must not change a single mention, offset or reason.
 *
 * tests/fixtures/detect-snapshot.json was generated from that commit's code, not from the code under
 * test: `git archive 1b07e62 src data | tar -x -C /tmp/base`, then detectSnapshot(createDetector())
 * with createDetector imported from /tmp/base/src/detect/index.ts. Regenerate it the same way, from the
 * commit whose behaviour is intended, only when detection is meant to change (and eval:detect says how).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../src/detect/index';
import { detectSnapshot, type DetectSnapshot } from './detect-snapshot';

const pinned = JSON.parse(readFileSync(new URL('./fixtures/detect-snapshot.json', import.meta.url), 'utf8')) as DetectSnapshot;

describe('detector output against the pinned snapshot', () => {
  const current = detectSnapshot(createDetector());
  const resolve = (snapshot: DetectSnapshot, lines: string[]) => lines.map((line) => line.replace(/#(\d+)$/, (_, i: string) => snapshot.reasons[Number(i)]));

  it('reads the same texts', () => {
    expect(Object.keys(current.readings).sort()).toEqual(Object.keys(pinned.readings).sort());
  });

  it.each(Object.keys(pinned.readings).filter((key) => key.includes('@')))('%s: same mentions', (key) => {
    expect(resolve(current, current.readings[key] ?? [])).toEqual(resolve(pinned, pinned.readings[key]));
  });

  it('every corpus text read whole: same mentions', () => {
    const differing = Object.keys(pinned.readings)
      .filter((key) => !key.includes('@'))
      .filter((key) => JSON.stringify(resolve(current, current.readings[key] ?? [])) !== JSON.stringify(resolve(pinned, pinned.readings[key])));
    expect(differing).toEqual([]);
  });
});
