/**
 * Step 1 of the page pipeline: could anything in this text be a mention? One pass of one
 * short expression over text the browser hands over natively (`document.body.textContent`,
 * never innerText, which forces layout). Nothing found: IOM Lens does nothing more on the
 * page. The expression is built at build time from the entity registry and the detector's
 * folding rules (prefilter-source.ts), so it is a superset of the detector: every mention
 * the detector finds contains a candidate (tests/page-prefilter.test.ts proves it on every
 * corpus text). Pure: no DOM.
 */
import { foldText } from '../detect/normalize';
import type { PrefilterSpec } from './prefilter-source';

export type { PrefilterSpec } from './prefilter-source';

export interface Prefilter {
  /** Offsets in `text` where a candidate starts, in order, at most `limit` of them. */
  candidates(text: string, limit?: number): number[];
}

export function createPrefilter(spec: PrefilterSpec): Prefilter {
  // Without the u flag the raw scan is about twice as fast; prefilter-source.ts moves the
  // few characters this loses (those only Unicode case folding equates) into the trigger class.
  const scan = new RegExp(`${spec.pattern}|${spec.trigger}`, 'gi');
  const triggerRun = new RegExp(spec.trigger, 'g');
  const inWindow = new RegExp(spec.windowPattern, 'giu');
  const caseSensitive = new Set(spec.caseSensitive);
  const caseSensitiveFolded = new Set(spec.caseSensitive.map((anchor) => anchor.toLowerCase()));
  const window = spec.windowChars;

  /**
   * The expressions ignore case; a match spelled like a case-sensitive anchor counts only
   * as written ("IOM", not the "iom" of "axiom"). Case-insensitive anchors come first in
   * the alternation, so a match that could be one is one.
   */
  const accepted = (matched: string): boolean => caseSensitive.has(matched) || !caseSensitiveFolded.has(matched.toLowerCase());

  return {
    candidates(text: string, limit = Infinity): number[] {
      const found: number[] = [];
      scan.lastIndex = 0;
      /** Triggers before this offset were inside a window already. */
      let foldedUpTo = 0;
      for (let match = scan.exec(text); match !== null && found.length < limit; match = scan.exec(text)) {
        const at = match.index;
        // Anchors have two characters or more: one character is a trigger.
        if (match[0].length > 1) {
          if (accepted(match[0])) found.push(at);
          scan.lastIndex = at + 1;
          continue;
        }
        if (at < foldedUpTo) continue;
        // A character that folds (an accent, a soft hyphen, a mark) or starts an anchor in another
        // script: fold a window around it and the triggers close after it with the detector's
        // own folding, and search that.
        let end = at + 1;
        for (;;) {
          triggerRun.lastIndex = end;
          const next = triggerRun.exec(text);
          if (!next || next.index > end + window) break;
          end = next.index + 1;
        }
        const from = Math.max(0, at - window);
        const to = Math.min(text.length, end + window);
        const folded = foldText(text.slice(from, to));
        inWindow.lastIndex = 0;
        for (let hit = inWindow.exec(folded.text); hit !== null; hit = inWindow.exec(folded.text)) {
          if (accepted(hit[0])) found.push(from + folded.sourceStart[hit.index]);
          inWindow.lastIndex = hit.index + 1;
        }
        foldedUpTo = end;
        // An anchor running past the window's end is found by the raw scan, which resumes inside it.
        scan.lastIndex = Math.max(at + 1, to - window);
      }
      return [...new Set(found)].sort((a, b) => a - b);
    },
  };
}
