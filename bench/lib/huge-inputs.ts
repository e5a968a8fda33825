/**
 * The `hostile` section's pages (bench/README.md): issue 9's huge inputs (e2e/huge-inputs.ts),
 * as the e2e test builds them. The text node is appended by the page's own script to a small
 * page with a mention, so IOM Lens is already reading the page when it comes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { closeTab, measureSettledTab, openTab, taskMs, type LoadSample } from './browser';
import type { BrowserContext } from '@playwright/test';
import { HUGE_FILLER_REPEAT, HUGE_FILLER_SENTENCE, hugeTextPlain } from '../../e2e/huge-inputs';

/** Main-world helpers of the text-node page: build the node, edit one character at its end. */
const TEXT_NODE_SCRIPT = `<script>
window.__benchHuge = {
  append() {
    const filler = ${JSON.stringify(HUGE_FILLER_SENTENCE)}.repeat(${HUGE_FILLER_REPEAT});
    const p = document.createElement('p');
    p.id = 'huge';
    p.textContent = filler + 'The International Organization for Migration (IOM).' + filler + 'The end: IOM.';
    document.body.append(p);
  },
  edit() {
    document.getElementById('huge').firstChild.data += ' ICEM';
  },
};
</script>`;

export interface HugeInputPages {
  textNode: string;
  textPlain: string;
}

/** Writes the two inputs under `root` (the bench's served folder); returns their paths in it. */
export function writeHugeInputs(root: string): HugeInputPages {
  const dir = path.join(root, 'bench-hostile');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'text-node.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>One huge text node</title>${TEXT_NODE_SCRIPT}</head>` +
      '<body><p>The International Organization for Migration (IOM) works with governments.</p></body></html>',
  );
  writeFileSync(path.join(dir, 'huge.txt'), hugeTextPlain());
  return { textNode: 'bench-hostile/text-node.html', textPlain: 'bench-hostile/huge.txt' };
}

/** The page's long tasks (bench/lib/browser.ts records them) that started at or after `since` (page clock). */
function longTasksSince(tab: Awaited<ReturnType<typeof openTab>>, since: number): Promise<number[]> {
  return tab.page.evaluate(
    (from) => ((window as unknown as { __benchLongTasks?: [number, number][] }).__benchLongTasks ?? []).filter(([start]) => start >= from).map(([, d]) => d),
    since,
  );
}

/**
 * Runs one page-side step (`append` or `edit`) and waits until the tab settles. The page's
 * own layout of the new text comes first, in every configuration alike; long tasks are
 * counted from the task after the first frame that follows the step, and the step's sample
 * holds the main-thread time from the step to settled.
 */
async function step(tab: Awaited<ReturnType<typeof openTab>>, name: 'append' | 'edit'): Promise<LoadSample> {
  const before = await taskMs(tab.cdp);
  const since = await tab.page.evaluate(
    (which) =>
      new Promise<number>((resolve) => {
        (window as unknown as { __benchHuge: Record<string, () => void> }).__benchHuge[which]();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
      }),
    name,
  );
  const settled = await measureSettledTab(tab);
  return { ...settled, taskMs: settled.taskMs - before, longTasksAfterLoad: await longTasksSince(tab, since) };
}

export interface TextNodeSamples {
  firstRead: LoadSample;
  edit: LoadSample;
}

/** One fresh tab: the small page, then the huge node appended, then a one-character edit at its end. */
export async function measureTextNode(context: BrowserContext, url: string): Promise<TextNodeSamples> {
  const tab = await openTab(context, url);
  try {
    await measureSettledTab(tab);
    const firstRead = await step(tab, 'append');
    const edit = await step(tab, 'edit');
    return { firstRead, edit };
  } finally {
    await closeTab(tab);
  }
}
