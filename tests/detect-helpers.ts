/** What the detector unit tests share: one detector, and mentions written compactly as "surface@start:entityId". */
import { createDetector } from '../src/detect/index';

export const detector = createDetector();

export function found(text: string, options?: Parameters<typeof detector.detect>[1]): string[] {
  return detector.detect(text, options).map((m) => `${m.surface}@${m.start}:${m.entityId}`);
}

/** The expected compact entry for the nth occurrence of `surface` in `text`. */
export function at(text: string, surface: string, entityId: string, nth = 0): string {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = text.indexOf(surface, index + 1);
  if (index < 0) throw new Error(`test bug: "${surface}" #${nth} not in text`);
  return `${surface}@${index}:${entityId}`;
}
