import { OWN_UI_ATTRIBUTE } from '../card/host-name';
import { blockContainerOf, isBlockElement, isOwnUi } from './elements';

/**
 * Watches the DOM for the pipeline: one MutationObserver for the document and every open
 * shadow root. Its callback does no reading: it only says which roots changed (the block
 * around changed text, an added block) and whether something left the page. What to do
 * about it, and when, is observer.ts's (ChangeQueue).
 */

export interface DomChanges {
  /** Text inside this root (a block container, an added block, a shadow root or the document) changed. */
  changed(root: Node): void;
  /** Nodes left the page: their mentions must go. */
  removed(): void;
  /** The end of one batch of mutation records. */
  batchEnd(): void;
}

export class DomWatcher {
  private readonly observer: MutationObserver;
  private observed = new WeakSet<Node>();

  constructor(private readonly changes: DomChanges) {
    this.observer = new MutationObserver((records) => this.onMutations(records));
  }

  observe(root: Document | ShadowRoot): void {
    if (this.observed.has(root)) return;
    this.observed.add(root);
    this.observer.observe(root, { childList: true, characterData: true, subtree: true });
  }

  disconnect(): void {
    this.observer.disconnect();
    // Observing again after a reconnect must not be skipped as "already observed".
    this.observed = new WeakSet();
  }

  private onMutations(records: MutationRecord[]): void {
    for (const record of records) {
      const target = record.target;
      if (record.type === 'characterData') {
        this.changes.changed(blockContainerOf(target));
        continue;
      }
      // childList: additions are re-read; removals drop their mentions at commit.
      // closest() includes the target itself.
      if (target instanceof Element && target.closest(`[${OWN_UI_ATTRIBUTE}]`)) continue;
      for (const node of record.addedNodes) {
        if (node instanceof Element && isOwnUi(node)) continue;
        this.changes.changed(node instanceof Element && isBlockElement(node) ? node : blockContainerOf(target));
      }
      for (const node of record.removedNodes) {
        if (node instanceof Element && isOwnUi(node)) continue;
        this.changes.removed();
        // Removing an inline element can join the text around it into a new name.
        if (!(node instanceof Element && isBlockElement(node))) this.changes.changed(blockContainerOf(target));
      }
    }
    this.changes.batchEnd();
  }
}
