import type { ComponentChildren } from 'preact';

/**
 * Splits `text` at the marked ranges (UTF-16 [start, end) offsets): pure, so the
 * popup can render marks as elements and never as HTML. Overlapping or out-of-range
 * ranges are merged or clipped.
 */
export function splitMarked(text: string, marks: readonly (readonly [number, number])[]): { text: string; marked: boolean }[] {
  const ranges = marks
    .map(([s, e]) => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const parts: { text: string; marked: boolean }[] = [];
  let pos = 0;
  for (const [start, end] of ranges) {
    if (end <= pos) continue;
    const from = Math.max(start, pos);
    const last = parts[parts.length - 1];
    if (from > pos) parts.push({ text: text.slice(pos, from), marked: false });
    if (from === pos && last?.marked) last.text += text.slice(from, end);
    else parts.push({ text: text.slice(from, end), marked: true });
    pos = end;
  }
  if (pos < text.length) parts.push({ text: text.slice(pos), marked: false });
  return parts;
}

export function Marked({ text, marks }: { text: string; marks: readonly (readonly [number, number])[] }): ComponentChildren {
  return splitMarked(text, marks).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : part.text));
}
