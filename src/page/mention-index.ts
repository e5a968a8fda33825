import type { Mention } from '../detect/types';

/** One mention placed on the page: the detector's result plus the range it covers. */
export interface PlacedMention {
  /** Unique for the lifetime of the content script; stable across re-renders of the card. */
  id: number;
  mention: Mention;
  range: StaticRange;
  /** Every text node the range touches, first to last. */
  nodes: Text[];
}

const NONE: readonly PlacedMention[] = Object.freeze([]);

/**
 * The mentions on the page, kept in scan order, with a per-text-node index so a hit
 * test looks at the handful of mentions in one node instead of every range.
 */
export class MentionIndex {
  private placed: PlacedMention[] = [];
  private byNode = new Map<Text, PlacedMention[]>();

  get size(): number {
    return this.placed.length;
  }

  all(): readonly PlacedMention[] {
    return this.placed;
  }

  add(items: Iterable<PlacedMention>): void {
    for (const item of items) {
      this.placed.push(item);
      for (const node of item.nodes) {
        const list = this.byNode.get(node);
        if (list) list.push(item);
        else this.byNode.set(node, [item]);
      }
    }
  }

  /** Removes every mention for which `drop` is true; returns how many went. */
  removeWhere(drop: (item: PlacedMention) => boolean): number {
    const kept: PlacedMention[] = [];
    let removed = 0;
    for (const item of this.placed) {
      if (drop(item)) {
        removed++;
        for (const node of item.nodes) {
          const list = this.byNode.get(node);
          if (!list) continue;
          const rest = list.filter((other) => other !== item);
          if (rest.length) this.byNode.set(node, rest);
          else this.byNode.delete(node);
        }
      } else kept.push(item);
    }
    this.placed = kept;
    return removed;
  }

  clear(): void {
    this.placed = [];
    this.byNode.clear();
  }

  /** Mentions whose range includes the caret position (node, offset), boundaries included. */
  at(node: Node, offset: number): PlacedMention[] {
    const list = this.byNode.get(node as Text);
    if (!list) return [];
    return list.filter((item) => {
      const { range } = item;
      if (node === range.startContainer && offset < range.startOffset) return false;
      if (node === range.endContainer && offset > range.endOffset) return false;
      return true;
    });
  }

  /** Every mention whose range touches this text node (none for any other node). */
  touching(node: Node): readonly PlacedMention[] {
    return this.byNode.get(node as Text) ?? NONE;
  }

  byId(id: number): PlacedMention | undefined {
    return this.placed.find((item) => item.id === id);
  }
}
