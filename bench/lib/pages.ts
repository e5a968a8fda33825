/**
 * The pages the bench loads, written next to the real documentation they are made from
 * (inside bench/.cache/, so the page's own stylesheets and scripts resolve as they would).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOC_ROOT, NODE_ALL_HTML } from './debian-docs';
import { MENTIONS_PER_SENTENCE, spliceMentions } from './mentions-page';

/** 184 sentences × 3 = 552 mentions in the 5.8 MB page (issue 8's figures use this page). */
const BIG_PAGE_SENTENCES = 184;
const SPLICE_SEED = 8;
const MIB = 1024 * 1024;
/** "A 20 MiB page finishes without a task over 50 ms." */
const HUGE_PAGE_BYTES = 20 * MIB;
/** A small real page with a few mentions, for what the extension loads where it finds candidates. */
const SMALL_PAGE_SENTENCES = 6;
const SMALL_PAGE = 'python3.11/html/tutorial/classes.html';
/** The mutation-storm page is a mid-sized real page. */
const STORM_BASE = 'nodejs/api/http.html';

export interface BenchPages {
  bigWithMentions: string;
  bigWithout: string;
  hugeWithMentions: string;
  hugeMentions: number;
  smallWithMentions: string;
  storm: string;
  expectedBigMentions: number;
}

function write(relative: string, html: string): string {
  writeFileSync(path.join(DOC_ROOT, relative), html);
  return relative;
}

function sibling(relative: string, name: string): string {
  return path.join(path.dirname(relative), name);
}

/** Main-world script for the storm page: edits one paragraph's text every 4 ms for `ms` ms. */
const STORM_SCRIPT = `<script>
window.__benchStorm = (ms, withMentions) => new Promise((resolve) => {
  const target = document.getElementById('bench-storm');
  const start = performance.now();
  let edits = 0;
  const timer = setInterval(() => {
    edits++;
    target.textContent = withMentions
      ? 'Update ' + edits + ': the International Organization for Migration (IOM) reports new figures.'
      : 'Update ' + edits + ': the stream has written ' + edits * 7 + ' bytes.';
    if (performance.now() - start >= ms) { clearInterval(timer); resolve(edits); }
  }, 4);
});
</script>`;

export function buildPages(): BenchPages {
  const allHtml = readFileSync(path.join(DOC_ROOT, NODE_ALL_HTML), 'utf8');
  const withMentions = spliceMentions(allHtml, { count: BIG_PAGE_SENTENCES, seed: SPLICE_SEED });
  const bigWithMentions = write(sibling(NODE_ALL_HTML, 'bench-all-mentions.html'), withMentions);

  const bodyOpen = withMentions.search(/<body\b[^>]*>/i);
  const bodyStart = withMentions.indexOf('>', bodyOpen) + 1;
  const bodyEnd = withMentions.lastIndexOf('</body>');
  const body = withMentions.slice(bodyStart, bodyEnd);
  const copies = Math.ceil((HUGE_PAGE_BYTES - bodyStart) / body.length);
  const huge = withMentions.slice(0, bodyStart) + body.repeat(copies) + withMentions.slice(bodyEnd);
  const hugeWithMentions = write(sibling(NODE_ALL_HTML, 'bench-20mib-mentions.html'), huge);

  const small = readFileSync(path.join(DOC_ROOT, SMALL_PAGE), 'utf8');
  const smallWithMentions = write(
    sibling(SMALL_PAGE, 'bench-classes-mentions.html'),
    spliceMentions(small, { count: SMALL_PAGE_SENTENCES, seed: SPLICE_SEED }),
  );

  const stormBase = readFileSync(path.join(DOC_ROOT, STORM_BASE), 'utf8');
  const storm = write(
    sibling(STORM_BASE, 'bench-storm.html'),
    stormBase
      .replace(/(<body\b[^>]*>)/i, '$1<p id="bench-storm">Waiting for updates.</p>')
      .replace(/<\/body>/i, `${STORM_SCRIPT}</body>`),
  );

  return {
    bigWithMentions,
    bigWithout: NODE_ALL_HTML,
    hugeWithMentions,
    hugeMentions: copies * BIG_PAGE_SENTENCES * MENTIONS_PER_SENTENCE,
    smallWithMentions,
    storm,
    expectedBigMentions: BIG_PAGE_SENTENCES * MENTIONS_PER_SENTENCE,
  };
}
