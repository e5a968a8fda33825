/// <reference types="chrome" />
/**
 * In-page cost of IOM Lens (`npm run bench:page`), in real Chromium with the built
 * extension, on a 1 MiB page: the Node.js API documentation (api/all.html from Debian's
 * nodejs-doc, cut to 1 MiB of HTML, scripts removed) with a mention sentence spliced
 * into a paragraph every few KB. If nodejs-doc is not unpacked in /tmp it is fetched the
 * documented way (`apt-get download` + `dpkg -x`, never installed).
 *
 * Everything is reported as a ratio against a baseline measured in the same run:
 * - scan: the content script's full scan (walk + detect + place + paint) vs the page's
 *   own load time (navigation start → load event) in the same tab;
 * - hover: the content script's per-frame lookup (caret → per-node index → rects) vs a
 *   naive hit-test over every highlighted range for the same points;
 * - mutations: the idle-time update after 200 paragraphs are added vs a full rescan;
 * - page scripts: a CPU loop in the page's own script with the extension vs without it
 *   (a second browser without the extension).
 */
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_FLAGS, extensionFlags, findChromium, MISSING_CHROMIUM_MESSAGE, PROJECT_ROOT } from '../e2e/paths';
import { serveFolder } from '../scripts/static-server';

const MIB = 1024 * 1024;
const PAGE_BYTES = 1 * MIB;
/** A mention sentence goes into the first paragraph after every this many bytes of HTML. */
const MENTION_EVERY_BYTES = 6000;
const HOVER_POINTS = 240;
const PAGE_WORK_RUNS = 7;
const ADDED_PARAGRAPHS = 200;
const VIEWPORT = { width: 1280, height: 800 };
const NODEJS_DOC_DIR = '/tmp/nodejs-doc';
const ALL_HTML = path.join(NODEJS_DOC_DIR, 'usr/share/doc/nodejs/api/all.html');
const OUT_DIR = path.resolve(PROJECT_ROOT, process.env.IOM_LENS_OUT_DIR ?? '.output-bench');
const EXTENSION_DIR = path.join(OUT_DIR, 'chrome-mv3');

const MENTION_SENTENCES = [
  ' The International Organization for Migration (IOM) published figures on labour migration.',
  ' IOM’s counter trafficking programme helped returnees.',
  ' Its predecessor ICEM moved migrants between 1952 and 1980.',
  ' L’Organisation internationale pour les migrations (OIM) a ouvert un bureau.',
  ' William Lacy Swing, Director General of IOM, spoke on migration and health.',
];

function ensureNodejsDoc(): string {
  if (existsSync(ALL_HTML)) return ALL_HTML;
  console.log('nodejs-doc is not unpacked: fetching it with apt-get download (not installing it)…');
  const download = spawnSync('apt-get', ['download', 'nodejs-doc'], { cwd: '/tmp', stdio: 'inherit' });
  const deb = readdirSync('/tmp').find((f) => f.startsWith('nodejs-doc_') && f.endsWith('.deb'));
  if (download.status !== 0 || !deb) throw new Error('apt-get download nodejs-doc failed: the bench needs api/all.html from Debian\'s nodejs-doc');
  execFileSync('dpkg', ['-x', path.join('/tmp', deb), NODEJS_DOC_DIR]);
  if (!existsSync(ALL_HTML)) throw new Error(`${ALL_HTML} not found after unpacking ${deb}`);
  return ALL_HTML;
}

/** The 1 MiB fixture: real documentation HTML, no scripts or external resources, mentions spliced in, and a page script to time. */
function buildFixture(dir: string): { file: string; mentions: number } {
  const source = readFileSync(ensureNodejsDoc(), 'utf8');
  let html = source
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<link\b[^>]*>/gi, '')
    .replace(/<img\b[^>]*>/gi, '');
  const bodyAt = html.indexOf('<body');
  const head = html.slice(0, bodyAt);
  let body = html.slice(bodyAt);
  // Cut at a tag boundary so the page is 1 MiB of HTML.
  body = body.slice(0, PAGE_BYTES - head.length - 4000);
  body = body.slice(0, body.lastIndexOf('<'));
  let out = '';
  let mentions = 0;
  let from = 0;
  while (from < body.length) {
    const next = body.indexOf('</p>', from + MENTION_EVERY_BYTES);
    if (next < 0) break;
    out += body.slice(from, next) + MENTION_SENTENCES[mentions % MENTION_SENTENCES.length];
    mentions++;
    from = next;
  }
  out += body.slice(from);
  const pageScript = `<script>
  // The page's own work: a fixed CPU loop, timed by the page itself.
  window.__pageWork = function () {
    const t0 = performance.now();
    let x = 0;
    for (let i = 0; i < 3e6; i++) x = (x * 31 + i) % 1000003;
    const nodes = document.querySelectorAll('p').length;
    return { ms: performance.now() - t0, x, nodes };
  };
  window.__addParagraphs = function (n) {
    const host = document.body;
    for (let i = 0; i < n; i++) {
      const p = document.createElement('p');
      p.textContent = 'Added later, paragraph ' + i + ': the International Organization for Migration (IOM) reports on labour migration.';
      host.append(p);
    }
  };
</script>`;
  html = `${head}${out}\n${pageScript}\n</body></html>`;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'page-1mib.html');
  writeFileSync(file, html);
  return { file, mentions };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const fmt = (ms: number) => `${ms.toFixed(ms < 1 ? 3 : 1)} ms`;

async function launch(withExtension: boolean): Promise<{ context: BrowserContext; dir: string }> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(MISSING_CHROMIUM_MESSAGE);
  const dir = mkdtempSync(path.join(tmpdir(), 'iom-lens-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    headless: true,
    args: [...CHROMIUM_FLAGS, ...(withExtension ? extensionFlags(EXTENSION_DIR) : [])],
    viewport: VIEWPORT,
  });
  return { context, dir };
}

interface MentionsReply {
  groups: { entityId: string; count: number }[];
  timing: {
    scanMs: number; wallMs: number; longestStepMs: number; chunks: number; createMs: number; warmupMs: number; largestChunk: number; slowestChunkMs: number;
    walkMs: number; detectMs: number; placeMs: number; textLength: number; updates: number; updateMs: number;
  };
  hover: { moves: number; listenerMs: number; lookups: number; lookupMs: number };
  observer: { batches: number; tasks: number; maxTaskMs: number; maxUpdateTaskMs: number };
}

async function mentions(worker: Worker): Promise<MentionsReply | null> {
  return worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) return null;
    return chrome.tabs.sendMessage(tab.id, { type: 'page:mentions' }, { frameId: 0 }).catch(() => null);
  });
}

async function waitFor<T>(fn: () => Promise<T | null | undefined>, ok: (v: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await fn();
    if (value && ok(value)) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function pageWork(page: Page): Promise<number> {
  return page.evaluate(() => (window as any).__pageWork().ms as number);
}

/** Points on visible text lines (so both hit-tests do real work), spread over the viewport. */
async function hoverPoints(page: Page): Promise<{ x: number; y: number }[]> {
  return page.evaluate((count) => {
    const points: { x: number; y: number }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n && points.length < count; n = walker.nextNode()) {
      const text = n as Text;
      if (text.data.trim().length < 20) continue;
      const range = document.createRange();
      range.selectNodeContents(text);
      for (const r of range.getClientRects()) {
        if (r.top < 0 || r.bottom > innerHeight || r.width < 10) continue;
        points.push({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
        if (points.length >= count) break;
      }
    }
    return points;
  }, HOVER_POINTS);
}


/** Baseline hit-test: every highlighted range checked for every point. */
async function naiveHitTest(page: Page, pts: { x: number; y: number }[]): Promise<{ perLookup: number; ranges: number }> {
  return page.evaluate((pts) => {
      const ranges: AbstractRange[] = [];
      CSS.highlights.forEach((h, name) => {
        if (name.startsWith('iom-lens-')) for (const r of h as unknown as Set<AbstractRange>) ranges.push(r);
      });
      const t0 = performance.now();
      let found = 0;
      for (const p of pts) {
        for (const r of ranges) {
          const live = document.createRange();
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
          let hit = false;
          for (const rect of live.getClientRects()) if (p.x >= rect.left && p.x <= rect.right && p.y >= rect.top && p.y <= rect.bottom) hit = true;
          if (hit) { found++; break; }
        }
      }
      return { perLookup: (performance.now() - t0) / pts.length, ranges: ranges.length, found };
  }, pts);
}

async function main(): Promise<void> {
  const fixtureDir = path.join(tmpdir(), 'iom-lens-bench-fixture');
  const { file, mentions: spliced } = buildFixture(fixtureDir);
  const size = readFileSync(file).length;
  console.log(`Fixture: ${file} (${(size / MIB).toFixed(2)} MiB, ${spliced} spliced mention sentences)`);
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    console.log(`Building the extension into ${path.relative(PROJECT_ROOT, OUT_DIR)}…`);
    execFileSync('npx', ['wxt', 'build'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, IOM_LENS_OUT_DIR: OUT_DIR } });
  }
  const server = await serveFolder(fixtureDir);
  const pageUrl = `${server.origin}/${path.basename(file)}`;
  const withExt = await launch(true);
  const without = await launch(false);
  try {
    const worker = withExt.context.serviceWorkers()[0] ?? (await withExt.context.waitForEvent('serviceworker'));

    // ---- scan vs the page's own load ----
    const page = await withExt.context.newPage();
    await page.goto(pageUrl, { waitUntil: 'load' });
    const reply = await waitFor(() => mentions(worker), (r) => r.timing.scanMs > 0, 'the first scan');
    const load = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { loadMs: nav.loadEventEnd - nav.startTime, domMs: nav.domContentLoadedEventEnd - nav.startTime };
    });
    const measureVisible = await page.evaluate(() => performance.getEntriesByName('iom-lens-scan').map((e) => e.duration));
    const total = reply.groups.reduce((sum, g) => sum + g.count, 0);
    const t = reply.timing;
    console.log('\nScan (full page, once at document_idle)');
    console.log(`  page text ${t.textLength.toLocaleString()} chars, ${total} mentions in ${reply.groups.length} entities`);
    console.log(`  scan work ${fmt(t.scanMs)} = walk ${fmt(t.walkMs)} + detect ${fmt(t.detectMs)} (${t.chunks} chunks, largest ${t.largestChunk} chars, slowest ${fmt(t.slowestChunkMs)}) + place/paint ${fmt(t.placeMs)}`);
    console.log(`  createDetector() + first call (compiles its expressions), in an idle task of its own: ${fmt(t.createMs)}; warm-up calls ${fmt(t.warmupMs)}`);
    console.log(`  spread over idle tasks: ${fmt(t.wallMs)} from start to paint, longest single task ${fmt(t.longestStepMs)}`);
    console.log(`  page load (navigation → load event) ${fmt(load.loadMs)}; scan work / load = ${(t.scanMs / load.loadMs).toFixed(2)}`);
    console.log(`  performance.measure('iom-lens-scan') seen by the page: ${measureVisible.length ? fmt(measureVisible[0]) : 'no (isolated world)'}`);

    // ---- a second, warm full scan (new settings), as after a settings change ----
    await worker.evaluate(async () => {
      await chrome.storage.sync.set({ settings: { global: { programmePolicy: 'always' }, sites: [] }, settings$: { v: 2 } });
    });
    const warm = await waitFor(() => mentions(worker), (r) => r.timing.scanMs !== t.scanMs && r.timing.textLength > 0, 'the second scan');
    const w = warm.timing;
    console.log(`  warm rescan (settings changed): work ${fmt(w.scanMs)} = walk ${fmt(w.walkMs)} + detect ${fmt(w.detectMs)} + place/paint ${fmt(w.placeMs)}; longest task ${fmt(w.longestStepMs)}`);

    // ---- hover: our lookup vs a naive loop over all ranges ----
    const before = (await mentions(worker))!.hover;
    let moves = 0;
    const moveStart = Date.now();
    const points: { x: number; y: number }[] = [];
    let naiveTotal = 0;
    let naiveRanges = 0;
    for (const fraction of [0.1, 0.35, 0.6, 0.85]) {
      await page.evaluate((f) => window.scrollTo(0, document.documentElement.scrollHeight * f), fraction);
      await page.waitForTimeout(100);
      const here = (await hoverPoints(page)).slice(0, HOVER_POINTS / 4);
      for (const p of here) {
        // Small steps, as a hand moves; one animation frame between points.
        await page.mouse.move(p.x - 3, p.y);
        await page.mouse.move(p.x, p.y);
        moves += 2;
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      }
      points.push(...here);
      const naiveHere = await naiveHitTest(page, here);
      naiveTotal += naiveHere.perLookup * here.length;
      naiveRanges = naiveHere.ranges;
    }
    const moveWall = Date.now() - moveStart;
    const after = (await mentions(worker))!.hover;
    const lookups = after.lookups - before.lookups;
    const ourPerLookup = (after.lookupMs - before.lookupMs) / Math.max(1, lookups);
    const seenMoves = after.moves - before.moves;
    const listenerPerMove = (after.listenerMs - before.listenerMs) / Math.max(1, seenMoves);
    const costPerMove = (after.listenerMs - before.listenerMs + after.lookupMs - before.lookupMs) / Math.max(1, seenMoves);
    const naive = { perLookup: naiveTotal / Math.max(1, points.length), ranges: naiveRanges };
    console.log('\nHover (one lookup per animation frame)');
    console.log(`  ${moves} pointer moves over ${points.length} points → ${lookups} lookups (${(lookups / moves).toFixed(2)} per move) in ${moveWall} ms wall time`);
    console.log(`  pointermove listener: ${fmt(listenerPerMove)} per event; cost per move (listener + its share of lookups) ${fmt(costPerMove)}`);
    console.log(`  IOM Lens lookup (caret → per-node index → rects): ${fmt(ourPerLookup)} per lookup`);
    console.log(`  baseline: naive loop over all ${naive.ranges} ranges: ${fmt(naive.perLookup)} per lookup`);
    console.log(`  ratio IOM Lens / naive = ${(ourPerLookup / naive.perLookup).toFixed(4)}`);

    // ---- mutations: incremental update vs full rescan ----
    const obsBefore = (await mentions(worker))!;
    await page.evaluate((n) => (window as any).__addParagraphs(n), ADDED_PARAGRAPHS);
    const afterAdd = await waitFor(
      () => mentions(worker),
      (r) => r.groups.reduce((s, g) => s + g.count, 0) >= total + ADDED_PARAGRAPHS * 3,
      'the added paragraphs to be marked',
    );
    const updateMs = afterAdd.timing.updateMs - obsBefore.timing.updateMs;
    console.log(`\nMutations (${ADDED_PARAGRAPHS} paragraphs with ${ADDED_PARAGRAPHS * 3} mentions appended at once)`);
    console.log(`  idle tasks ${afterAdd.observer.tasks - obsBefore.observer.tasks}, longest update task ${fmt(afterAdd.observer.maxUpdateTaskMs)}, total update work ${fmt(updateMs)}`);
    console.log(`  baseline: one full rescan of the page ${fmt(t.scanMs)}; ratio update / full rescan = ${(updateMs / t.scanMs).toFixed(2)}`);

    // ---- the page's own scripts, with and without the extension ----
    const plain = await without.context.newPage();
    await plain.goto(pageUrl, { waitUntil: 'load' });
    await plain.waitForTimeout(500);
    // Alternate the two tabs so a busy machine slows both alike.
    const withRuns: number[] = [];
    const withoutRuns: number[] = [];
    for (let i = 0; i < PAGE_WORK_RUNS; i++) {
      withRuns.push(await pageWork(page));
      withoutRuns.push(await pageWork(plain));
    }
    const withMs = median(withRuns);
    const withoutMs = median(withoutRuns);
    console.log('\nPage script speed (the page times a fixed CPU loop; median of ' + PAGE_WORK_RUNS + ')');
    console.log(`  with IOM Lens ${fmt(withMs)}, without ${fmt(withoutMs)}; ratio = ${(withMs / withoutMs).toFixed(2)}`);
  } finally {
    await withExt.context.close();
    await without.context.close();
    rmSync(withExt.dir, { recursive: true, force: true });
    rmSync(without.dir, { recursive: true, force: true });
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
