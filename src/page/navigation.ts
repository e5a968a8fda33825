/**
 * Order of mentions for the next/previous commands: top to bottom, then left to
 * right, as a reader sees them. Pure, so it is tested in Node.
 */

export interface Positioned<T> {
  item: T & { id: number };
  top: number;
  left: number;
}

/** Items with a position (visible ones), sorted by (top, left). Lines within 2px count as one line. */
export function orderForNavigation<T extends { id: number }>(
  items: readonly T[],
  positionOf: (item: T) => { top: number; left: number } | null,
): Positioned<T>[] {
  const positioned: Positioned<T>[] = [];
  for (const item of items) {
    const position = positionOf(item);
    if (position) positioned.push({ item, top: position.top, left: position.left });
  }
  return positioned.sort((a, b) => (Math.abs(a.top - b.top) > 2 ? a.top - b.top : a.left - b.left));
}

/**
 * The mention to jump to. From the last jumped-to mention when it is still there;
 * otherwise from the top of the viewport (positions are viewport-relative): "next"
 * is the first mention at or below it, "previous" the last one above it. Wraps around.
 */
export function pickJumpTarget<T extends { id: number }>(
  ordered: readonly Positioned<T>[],
  direction: 'next' | 'previous',
  lastId: number | null,
): T | null {
  if (ordered.length === 0) return null;
  const lastIndex = lastId === null ? -1 : ordered.findIndex((p) => p.item.id === lastId);
  if (lastIndex >= 0) {
    const i = direction === 'next' ? (lastIndex + 1) % ordered.length : (lastIndex - 1 + ordered.length) % ordered.length;
    return ordered[i].item;
  }
  if (direction === 'next') return (ordered.find((p) => p.top >= 0) ?? ordered[0]).item;
  const above = ordered.filter((p) => p.top < 0);
  return (above[above.length - 1] ?? ordered[ordered.length - 1]).item;
}
