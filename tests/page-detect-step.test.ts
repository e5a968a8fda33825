import { describe, expect, it } from 'vitest';
import { createDetector } from '../src/detect/index';
import { detectInChunks, initialDetectCost, MAX_CHUNK_CHARS, type DetectWith } from '../src/page/detect-step';
import { ScanStats } from '../src/page/scan-stats';
import { joinTextSegments } from '../src/page/text-model';

/** Runs the generator to its end, counting the units it yielded between. */
function drain<T>(steps: Generator<void, T, undefined>): { value: T; units: number } {
  let units = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { value: step.value, units };
    units++;
  }
}

/** The detector, recording the text of each call in `calls`. */
const detector = createDetector();
const calls: string[] = [];
const recordingDetect: DetectWith = (text, known) => {
  calls.push(text);
  return detector.detect(text, known?.length ? { knownEntityIds: known } : {});
};
/** Sentences with no form, context word or year. */
const filler = (chars: number): string => 'The river runs past the old mill and the road goes on. '.repeat(Math.ceil(chars / 55)).slice(0, chars).replace(/\S*$/, '');

describe('detectInChunks: the detector over one huge block, in slices', () => {
  const detect = recordingDetect;
  const reports = 'Reports on shelter and displacement in the region. '.repeat(4_000);
  // One text node of 600 K characters: no block boundary to cut at, so chunks are cut inside it.
  const text = `IOM opened an office. ${reports}The International Organization for Migration (IOM) and ICEM. ${reports}In 1956 ICEM moved refugees. ${reports}The end: IOM.`;
  const joined = joinTextSegments([{ node: 'huge', text, blockBreakBefore: true }]);

  it('finds what the detector finds in the whole text, the last mention and the first (read again once IOM is established) included', () => {
    const { value: mentions, units } = drain(detectInChunks(detect, joined, [], initialDetectCost(), new ScanStats()));
    const whole = detector.detect(text).map((m) => `${m.start}:${m.surface}`);
    expect(mentions.map((m) => `${m.start}:${m.surface}`).sort()).toEqual(whole.sort());
    expect(whole).toContain(`${text.length - 4}:IOM`);
    expect(whole).toContain('0:IOM');
    // Sliced: at least one unit per MAX_CHUNK_CHARS, never the whole text at once.
    expect(units).toBeGreaterThanOrEqual(Math.floor(text.length / MAX_CHUNK_CHARS));
  });
});

describe('detectInChunks: a mention near a chunk’s edge is decided from the text across it', () => {
  const detect = recordingDetect;
  // Two blocks; the first is longer than the first chunk (2,000 characters at the initial cost), so the cut falls between them.
  const cases = [
    { name: 'a year just past the end of the chunk (a chunk ending at a block edge gets context after it)', first: `${filler(2_100)} ICEM ran the transports.`, second: `In 1956 the fleet sailed. ${filler(700)}` },
    { name: 'a year 300–400 characters before the chunk (more than the 300 characters of context before it there were)', first: `${filler(1_700)} In 1956 the fleet sailed. ${filler(330)}`, second: `ICEM ran the transports. ${filler(700)}` },
  ];
  for (const { name, first, second } of cases) {
    it(name, () => {
      const joined = joinTextSegments([
        { node: 'first', text: first, blockBreakBefore: true },
        { node: 'second', text: second, blockBreakBefore: true },
      ]);
      calls.length = 0;
      const whole = detector.detect(joined.text).map((m) => `${m.start}:${m.surface}`);
      expect(whole.some((key) => key.endsWith(':ICEM'))).toBe(true);
      const { value: mentions } = drain(detectInChunks(detect, joined, [], initialDetectCost(), new ScanStats()));
      expect(mentions.map((m) => `${m.start}:${m.surface}`)).toEqual(whole);
      // Read in chunks, not whole.
      expect(calls.length).toBeGreaterThan(1);
    });
  }

  it('a context is cut at white space, never inside a word (a cut word could read as a form)', () => {
    // Long words, so a cut 501 characters from a chunk's edge falls inside one.
    const words = (chars: number): string => 'Riverbanks meanderingly outstretched. '.repeat(Math.ceil(chars / 38)).slice(0, chars);
    const joined = joinTextSegments([
      { node: 'first', text: `${words(2_100)} end.`, blockBreakBefore: true },
      { node: 'second', text: `${words(2_100)} end.`, blockBreakBefore: true },
    ]);
    calls.length = 0;
    drain(detectInChunks(detect, joined, [], initialDetectCost(), new ScanStats()));
    const [first, second] = calls;
    // The first chunk starts the text; its context after ends before white space.
    expect(joined.text.startsWith(first)).toBe(true);
    expect(joined.text[first.length]).toMatch(/\s/);
    // The second starts its context before with white space.
    expect(second[0]).toMatch(/\s/);
    expect(joined.text.endsWith(second)).toBe(true);
  });
});

describe('detectInChunks: groups of blocks far apart on the page are read apart', () => {
  const detect = recordingDetect;
  // ICEM needs a year of its era near it: here only across the edge of its group.
  const segments = (groupBefore: boolean) => [
    { node: 'icem', text: `${filler(800)} The ICEM files were moved to a new shelf.`, blockBreakBefore: true },
    { node: 'year', text: `In 1956 the stock was counted again. ${filler(3_000)}`, blockBreakBefore: true, groupBefore },
    { node: 'more', text: filler(3_000), blockBreakBefore: true },
  ];

  it('a year in the next group decides nothing in this one, in any chunk', () => {
    const apart = joinTextSegments(segments(true));
    const together = joinTextSegments(segments(false));
    const surfaces = (joined: typeof apart) => drain(detectInChunks(detect, joined, [], initialDetectCost(), new ScanStats())).value.map((m) => m.surface);
    expect(surfaces(together)).toContain('ICEM');
    calls.length = 0;
    expect(surfaces(apart)).toEqual([]);
    // No call read text of both groups.
    const [, secondGroup] = apart.groupAround(0);
    const firstGroupText = apart.slice(0, secondGroup - 1);
    for (const text of calls) expect(text.includes('ICEM') && text.includes('1956')).toBe(false);
    expect(calls.some((text) => firstGroupText.includes(text.trim()))).toBe(true);
  });
});
